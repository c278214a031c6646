// Product view: a SKU's batches drawn as bars (allocated and available, on one scale across the product's batches),
// and for auditors a slider over the product's events that shows the product as it stood after each of them.

import {get, hasRole, segment} from './api.js';
import {$, el, formatTime, number, opensViewOnSubmit, say} from './dom.js';

const HISTORY_PAGE = 1000;
const SLIDER_DELAY_MS = 120;

let sku = null;
let events = [];
let ticket = 0;
let sliderTimer = null;

export function init() {
    opensViewOnSubmit($('#product-lookup'), $('#product-sku'), 'products');
    $('#as-of-slider').addEventListener('input', () => {
        clearTimeout(sliderTimer);
        describeStep();
        sliderTimer = setTimeout(showStep, SLIDER_DELAY_MS);
    });
    $('#as-of-now').addEventListener('click', () => {
        const slider = $('#as-of-slider');
        slider.value = slider.max;
        describeStep();
        showStep();
    });
}

export async function show(wanted) {
    if (!wanted) {
        $('#product-sku').focus();
        return;
    }
    $('#product-sku').value = wanted;
    sku = wanted;
    const mine = ++ticket;
    say($('#product-message'), 'Loading…');
    try {
        events = hasRole('AUDITOR') ? await history(wanted) : [];
        const view = await now(wanted);
        if (mine !== ticket) return;
        render(view, null);
        say($('#product-message'), '');
        $('#product').hidden = false;
        const slider = $('#as-of-slider');
        slider.max = String(Math.max(0, events.length - 1));
        slider.value = slider.max;
        $('#as-of').hidden = events.length < 2;
        describeStep();
    } catch (error) {
        if (mine !== ticket) return;
        $('#product').hidden = true;
        say($('#product-message'), error.status === 404 ? `No product ${wanted}.` : error.message, 'error');
    }
}

/**
 * The product now: from the read model for readers; an auditor alone sees it rebuilt from its events up to the
 * last one (the service's own time, whatever this browser's clock says).
 */
async function now(wanted) {
    const path = hasRole('READER')
        ? `/products/${segment(wanted)}`
        : `/products/${segment(wanted)}?asOf=${encodeURIComponent(events[events.length - 1].timestamp)}`;
    return (await get(path)).data;
}

/** The product's events, oldest first; for a long history its most recent events, one slider stop each. */
async function history(wanted) {
    const path = page => `/products/${segment(wanted)}/history?page=${page}&size=${HISTORY_PAGE}`;
    const first = (await get(path(0))).data;
    const pages = Math.ceil(first.totalEvents / HISTORY_PAGE);
    if (pages <= 1) {
        return first.events;
    }
    const before = pages > 2 ? (await get(path(pages - 2))).data.events : first.events;
    const last = (await get(path(pages - 1))).data.events;
    return [...before, ...last].slice(-HISTORY_PAGE);
}

function atLatestStep() {
    const slider = $('#as-of-slider');
    return Number(slider.value) >= Number(slider.max);
}

function describeStep() {
    const label = $('#as-of-label');
    if (!events.length) {
        say(label, '');
        return;
    }
    if (atLatestStep()) {
        say(label, `Now, after ${events.length} events. Move the slider back to see the product after each of them.`);
        return;
    }
    const index = Number($('#as-of-slider').value);
    const event = events[index];
    const user = event.metadata?.user ? ` by ${event.metadata.user}` : '';
    say(label, `As of ${formatTime(event.timestamp)}: after event ${index + 1} of ${events.length}, `
        + `${event.type}${summary(event.payload)}${user}.`);
}

async function showStep() {
    const mine = ++ticket;
    const latest = atLatestStep();
    const asOf = latest ? null : events[Number($('#as-of-slider').value)].timestamp;
    try {
        const view = latest
            ? await now(sku)
            : (await get(`/products/${segment(sku)}?asOf=${encodeURIComponent(asOf)}`)).data;
        if (mine === ticket) {
            render(view, asOf);
        }
    } catch (error) {
        if (mine === ticket) {
            say($('#product-message'), error.message, 'error');
        }
    }
}

function summary(payload) {
    if (!payload) return '';
    const parts = [payload.orderId, payload.ref ?? payload.batchref, payload.qty === undefined ? null : `qty ${payload.qty}`]
        .filter(part => part !== null && part !== undefined);
    return parts.length ? ` (${parts.join(', ')})` : '';
}

function render(view, asOf) {
    $('#product-title').textContent = view.sku;
    const state = $('#product-state');
    state.textContent = asOf ? `as of ${formatTime(asOf)}` : 'now';
    state.dataset.kind = asOf ? 'past' : 'now';
    $('#product').dataset.asOf = asOf ?? 'now';
    const largest = Math.max(1, ...view.batches.map(batch => batch.purchased));
    const rows = view.batches.map(batch => batchRow(batch, largest));
    $('#batches').replaceChildren(...(rows.length ? rows : [el('p', {className: 'hint', text: 'No batches.'})]));
    const total = key => view.batches.reduce((sum, batch) => sum + batch[key], 0);
    $('#product-totals').textContent = `${view.batches.length} batches: ${number(total('purchased'))} purchased, `
        + `${number(total('allocated'))} allocated, ${number(total('available'))} available`;
}

function batchRow(batch, largest) {
    const share = value => `${(100 * Math.max(0, value)) / largest}%`;
    const allocated = el('div', {className: 'bar-allocated'});
    allocated.style.width = share(batch.allocated);
    const available = el('div', {className: 'bar-available'});
    available.style.width = share(batch.available);
    // one scale for all batches of the product, so their sizes compare at a glance
    const bar = el('div', {className: 'bar', title: `${batch.allocated} of ${batch.purchased} allocated`},
        allocated, available);
    bar.setAttribute('role', 'img');
    bar.setAttribute('aria-label', `${batch.allocated} of ${batch.purchased} allocated`);
    return el('div', {className: 'batch', dataset: {ref: batch.ref}},
        el('div', {className: 'batch-name'},
            el('strong', {text: batch.ref}),
            el('span', {className: 'hint', text: batch.eta ? `ETA ${batch.eta}` : 'warehouse'})),
        bar,
        el('div', {className: 'figures'},
            figure('purchased', batch.purchased),
            figure('allocated', batch.allocated),
            figure('available', batch.available)));
}

function figure(name, value) {
    return el('span', {className: `figure ${name}`, title: name},
        el('b', {text: number(value)}), ` ${name}`);
}
