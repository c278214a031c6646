// Small helpers for building the page from data. Text always goes in as text, never as markup.

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

/** el('td', {className: 'x', text: 'y', title: 'z'}, child, ...) */
export function el(tag, {className, text, title, href, dataset} = {}, ...children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (title) node.title = title;
    if (href) node.href = href;
    if (dataset) Object.assign(node.dataset, dataset);
    node.append(...children.filter(child => child !== null && child !== undefined && child !== false));
    return node;
}

const TIME = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'medium'});

export function formatTime(iso) {
    return iso ? TIME.format(new Date(iso)) : '';
}

/** A time as text with its exact instant on hover. */
export function time(iso) {
    return el('time', {text: formatTime(iso), title: iso, dataset: {instant: iso ?? ''}});
}

export function number(value) {
    return value === null || value === undefined ? '–' : Number(value).toLocaleString();
}

export function percent(value) {
    return `${Math.floor(Math.min(100, Math.max(0, value)))} %`;
}

export function say(node, text, kind = '') {
    node.textContent = text ?? '';
    node.dataset.kind = kind;
}

export const wait = ms => new Promise(resolve => setTimeout(resolve, ms));

/** The address of a view of the console for an argument (#view/argument). */
function viewHash(view, argument) {
    return `#${view}/${encodeURIComponent(argument)}`;
}

/** A link to another view of the console. */
export function viewLink(view, argument, text = argument) {
    return el('a', {text, href: viewHash(view, argument)});
}

/** A lookup form: submitting it opens the view for what was typed in its input, if anything. */
export function opensViewOnSubmit(form, input, view) {
    form.addEventListener('submit', event => {
        event.preventDefault();
        const wanted = input.value.trim();
        if (wanted) {
            location.hash = viewHash(view, wanted);
        }
    });
}
