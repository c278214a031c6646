// Operators' commands. The service does all validation; its messages are shown next to the field they name
// (problem details' errors[].field are the request's field names, which are the inputs' names).

import {hasRole, post} from './api.js';
import {$, $$, el, viewLink} from './dom.js';

const COMMANDS = {
    'add-batch-form': {
        body: form => ({ref: text(form.elements.ref), sku: text(form.elements.sku), qty: quantity(form.elements.qty), eta: form.elements.eta.value || null}),
        done: (body) => [`Batch ${body.ref} added to `, productLink(body.sku), '.'],
    },
    'allocate-form': {
        body: form => ({orderid: text(form.elements.orderid), sku: text(form.elements.sku), qty: quantity(form.elements.qty)}),
        done: (body, answer) => answer.status === 'allocated'
            ? [orderLink(answer.orderid), ` allocated to batch ${answer.batchref} of `, productLink(answer.sku), '.']
            : [orderLink(answer.orderid), ': ', productLink(answer.sku), ' is out of stock; the buyers are told.'],
    },
    'change-quantity-form': {
        body: form => ({batchref: text(form.elements.batchref), qty: quantity(form.elements.qty)}),
        done: (body) => [`Batch ${body.batchref} now holds ${body.qty}.`],
    },
};

export function init() {
    for (const [id, command] of Object.entries(COMMANDS)) {
        const form = $(`#${id}`);
        form.addEventListener('submit', event => {
            event.preventDefault();
            send(form, command);
        });
    }
}

const text = input => input.value.trim();

/** Empty is null (the service says it is missing); a number input holds nothing else but a number. */
const quantity = input => (input.value.trim() === '' ? null : Number(input.value));

function productLink(sku) {
    return hasRole('READER') || hasRole('AUDITOR') ? viewLink('products', sku) : sku;
}

function orderLink(orderid) {
    return hasRole('READER') || hasRole('AUDITOR') ? viewLink('orders', orderid, `Order ${orderid}`) : `Order ${orderid}`;
}

async function send(form, command) {
    clear(form);
    const button = $('button[type=submit]', form);
    button.disabled = true;
    const body = command.body(form);
    try {
        const {data} = await post(form.dataset.path, body);
        const result = $('.form-result', form);
        result.replaceChildren(...command.done(body, data));
        result.dataset.kind = 'ok';
    } catch (error) {
        showError(form, error);
    } finally {
        button.disabled = false;
    }
}

function clear(form) {
    $$('.field-error', form).forEach(slot => { slot.textContent = ''; });
    $$('[aria-invalid]', form).forEach(input => input.removeAttribute('aria-invalid'));
    $('.form-error', form).textContent = '';
    $('.form-result', form).replaceChildren();
}

function showError(form, error) {
    const fields = error.fieldErrors.map(({field, message}) => ({field, message}));
    // the seed system's answer to an allocation of an unknown SKU: {"message": "Invalid sku X"}
    if (!fields.length && error.status === 400 && typeof error.body?.message === 'string' && form.elements.sku) {
        fields.push({field: 'sku', message: error.body.message});
    }
    const unplaced = [];
    for (const {field, message} of fields) {
        const slot = $(`[data-error-for="${CSS.escape(field)}"]`, form);
        if (slot) {
            slot.append(el('span', {text: message}));
            form.elements[field]?.setAttribute('aria-invalid', 'true');
        } else {
            unplaced.push(`${field}: ${message}`);
        }
    }
    if (!fields.length || unplaced.length) {
        $('.form-error', form).textContent = unplaced.length ? unplaced.join('; ') : error.message;
    }
}
