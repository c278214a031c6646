// Order view: where each line of an order is allocated now (readers) and everything that happened to it, with
// times and users (auditors).

import {get, hasRole, segment} from './api.js';
import {$, el, number, opensViewOnSubmit, say, time, viewLink} from './dom.js';

const WHAT = {
    allocated: 'Allocated',
    deallocated: 'Deallocated',
    reallocated: 'Reallocated',
    out_of_stock: 'Out of stock',
};

let ticket = 0;

export function init() {
    opensViewOnSubmit($('#order-lookup'), $('#order-id'), 'orders');
}

export async function show(orderid) {
    if (!orderid) {
        $('#order-id').focus();
        return;
    }
    $('#order-id').value = orderid;
    const mine = ++ticket;
    say($('#order-message'), 'Loading…');
    const [allocations, timeline] = await Promise.all([
        hasRole('READER') ? attempt(`/allocations/${segment(orderid)}`) : null,
        hasRole('AUDITOR') ? attempt(`/allocations/${segment(orderid)}/history`) : null,
    ]);
    if (mine !== ticket) return;
    const failure = [allocations, timeline].find(answer => answer?.error && answer.error.status !== 404);
    const nothing = [allocations, timeline].every(answer => answer === null || answer.error);
    if (failure || nothing) {
        $('#order').hidden = true;
        say($('#order-message'), failure ? failure.error.message : `No order ${orderid}.`, 'error');
        return;
    }
    say($('#order-message'), '');
    $('#order-title').textContent = `Order ${orderid}`;
    if (allocations) renderAllocations(allocations.data ?? []);
    if (timeline) renderTimeline(timeline.data ?? []);
    $('#order').hidden = false;
}

/** A read whose 404 is an answer too: the order has no allocation (any more), or no history. */
async function attempt(path) {
    try {
        return {data: (await get(path)).data};
    } catch (error) {
        return {error};
    }
}

function renderAllocations(lines) {
    const linksToProducts = hasRole('READER') || hasRole('AUDITOR');
    $('#order-allocations tbody').replaceChildren(...lines.map(line => el('tr', {},
        el('td', {}, linksToProducts ? viewLink('products', line.sku) : line.sku),
        el('td', {text: line.batchref}))));
    $('#order-allocations').hidden = lines.length === 0;
    const none = $('#order-allocations-none');
    none.hidden = lines.length > 0;
    none.textContent = 'No line of this order is allocated now.';
}

function renderTimeline(events) {
    $('#order-timeline').replaceChildren(...events.map(event => el('li', {className: `event ${event.what}`},
        time(event.occurredAt),
        el('span', {className: 'what', text: WHAT[event.what] ?? event.what}),
        el('span', {className: 'line'},
            viewLink('products', event.sku),
            ` qty ${number(event.qty)}`,
            event.batchref ? el('span', {text: ` → batch ${event.batchref}`}) : null),
        el('span', {className: 'user', text: event.user ? `by ${event.user}` : ''}))));
    const none = $('#order-timeline-none');
    none.hidden = events.length > 0;
    none.textContent = 'Nothing happened to this order.';
}
