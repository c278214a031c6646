// The console: sign-in, the views each role may see, and routing by the address's fragment (#view/argument), so a
// product or an order can be linked to and the browser's back button works.

import {currentSession, hasRole, signIn, signOut, whenSessionEnds} from './api.js';
import {$, $$, say} from './dom.js';
import * as commands from './commands.js';
import * as operations from './operations.js';
import * as orders from './orders.js';
import * as products from './products.js';

const VIEWS = {products, orders, commands, operations};
const NOTICE = 'stock-console.notice';

function start() {
    Object.values(VIEWS).forEach(view => view.init());
    $('#sign-in-form').addEventListener('submit', submitSignIn);
    $('#sign-out').addEventListener('click', () => leave('You have signed out.'));
    whenSessionEnds(leave);
    window.addEventListener('hashchange', route);
    if (currentSession()) {
        enter();
    } else {
        showSignIn();
    }
}

/** Back to a fresh page, so nothing the last user saw stays in it. */
function leave(notice) {
    signOut();
    sessionStorage.setItem(NOTICE, notice);
    location.replace(location.pathname);
}

function showSignIn() {
    $('#sign-in').hidden = false;
    say($('#sign-in-message'), sessionStorage.getItem(NOTICE) ?? '', 'notice');
    sessionStorage.removeItem(NOTICE);
    $('#sign-in-user').focus();
}

async function submitSignIn(event) {
    event.preventDefault();
    const form = event.target;
    const button = $('button[type=submit]', form);
    button.disabled = true;
    say($('#sign-in-message'), '');
    try {
        await signIn(form.elements.user.value.trim(), form.elements.password.value);
        form.reset();
        $('#sign-in').hidden = true;
        enter();
    } catch (error) {
        say($('#sign-in-message'), error.status === 401 ? 'Wrong user name or password.' : error.message, 'error');
    } finally {
        button.disabled = false;
    }
}

function enter() {
    const session = currentSession();
    $('#signed-in-user').textContent = session.user;
    $('#signed-in-roles').textContent = session.roles.map(role => role.toLowerCase()).join(' · ');
    // controls the roles do not allow are not shown at all (the service would refuse them anyway)
    $$('[data-roles]').forEach(node =>
        node.classList.toggle('not-allowed', !node.dataset.roles.split(' ').some(hasRole)));
    $('#tabs').hidden = false;
    $('#account').hidden = false;
    route();
}

function allowedViews() {
    return Object.keys(VIEWS).filter(name => !$(`#tabs [data-view=${name}]`).classList.contains('not-allowed'));
}

function route() {
    if (!currentSession()) return;
    const [name, ...rest] = location.hash.slice(1).split('/');
    const argument = rest.length ? decodeURIComponent(rest.join('/')) : undefined;
    const allowed = allowedViews();
    $('#no-views').hidden = allowed.length > 0;
    const target = allowed.includes(name) ? name : allowed[0];
    for (const view of Object.keys(VIEWS)) {
        $(`#${view}`).hidden = view !== target;
        const tab = $(`#tabs [data-view=${view}]`);
        if (view === target) tab.setAttribute('aria-current', 'page'); else tab.removeAttribute('aria-current');
    }
    if (target !== 'operations') operations.hide();
    if (target) VIEWS[target].show?.(argument);
}

start();
