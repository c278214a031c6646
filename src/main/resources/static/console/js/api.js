// The service's HTTP API as the console uses it: HTTP Basic credentials kept for this tab only (sessionStorage,
// gone when the tab closes), sent on every request, and failures turned into ApiError with the problem's text.

const SESSION = 'stock-console.session';

let sessionEnded = () => {};

export class ApiError extends Error {
    constructor(status, body) {
        super(messageOf(status, body));
        this.status = status;
        this.body = body;
    }

    /** The fields a validation failure names: [{field, message}]. */
    get fieldErrors() {
        return Array.isArray(this.body?.errors) ? this.body.errors : [];
    }
}

function messageOf(status, body) {
    if (body && typeof body === 'object') {
        return body.detail || body.message || body.title || `The service answered ${status}`;
    }
    return status === 0 ? 'The service cannot be reached' : `The service answered ${status}`;
}

export function currentSession() {
    try {
        return JSON.parse(sessionStorage.getItem(SESSION));
    } catch {
        return null;
    }
}

export function hasRole(role) {
    return currentSession()?.roles.includes(role) ?? false;
}

/** Called with a message when the service stops accepting the stored credentials. */
export function whenSessionEnds(callback) {
    sessionEnded = callback;
}

function basic(user, password) {
    const bytes = new TextEncoder().encode(`${user}:${password}`);
    return 'Basic ' + btoa(String.fromCharCode(...bytes));
}

const JSON_TYPES = 'application/json, application/problem+json';

async function send(method, path, authorization, body, accept = JSON_TYPES) {
    const headers = {
        Accept: accept,
        Authorization: authorization,
        // marks a script's request, so a refused sign-in does not make the browser open its own dialog
        'X-Requested-With': 'XMLHttpRequest',
    };
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
    }
    let response;
    try {
        // paths are the API's, from the root; the page lives at /console/
        response = await fetch(`..${path}`, {
            method, headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body),
        });
    } catch {
        throw new ApiError(0, null);
    }
    const type = response.headers.get('Content-Type') ?? '';
    const data = type.includes('json') ? await response.json().catch(() => null) : await response.text();
    if (!response.ok) {
        throw new ApiError(response.status, data);
    }
    return {status: response.status, data};
}

/** Checks the credentials with GET /me and keeps them, with the user's roles, for this tab. */
export async function signIn(user, password) {
    const authorization = basic(user, password);
    const {data} = await send('GET', '/me', authorization);
    sessionStorage.setItem(SESSION, JSON.stringify({authorization, user: data.user, roles: data.roles}));
    return data;
}

export function signOut() {
    sessionStorage.removeItem(SESSION);
}

async function call(method, path, body, accept) {
    const session = currentSession();
    if (!session) {
        throw new ApiError(401, {detail: 'Not signed in'});
    }
    try {
        return await send(method, path, session.authorization, body, accept);
    } catch (error) {
        if (error.status === 401) {
            signOut();
            sessionEnded('The service no longer accepts your sign-in; sign in again.');
        }
        throw error;
    }
}

export const get = (path, accept) => call('GET', path, undefined, accept);
export const post = (path, body) => call('POST', path, body);

/** A path segment: ids may hold spaces, '#' and ':'. */
export const segment = value => encodeURIComponent(value);
