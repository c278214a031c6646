// Operations for auditors: every event processor with its position and lag, online rebuilds and audit runs with
// their progress, and the tail of the event feed. Everything here is polled: simple, and it survives a restart of
// the service or a lost connection without any reconnection logic.

import {get, post, segment} from './api.js';
import {$, el, number, percent, say, time, wait} from './dom.js';

const POLL_MS = 1000;
const RUN_POLL_MS = 250;
const FEED_ROWS = 50;
const FEED_PAGE = 100;

let polling = 0;
let head = null;
let feedAfter = null;
let lastAudit = null;

export function init() {
    $('#rebuild-start').addEventListener('click', startRebuild);
    $('#audit-start').addEventListener('click', startAudit);
    $('#audit-csv').addEventListener('click', downloadDiscrepancies);
}

export function show() {
    const mine = ++polling;
    feedAfter = null;
    $('#feed tbody').replaceChildren();
    poll(mine);
}

export function hide() {
    polling++;
}

async function poll(mine) {
    while (mine === polling) {
        await refreshProcessors();
        await refreshFeed();
        await wait(POLL_MS);
    }
}

async function refreshProcessors() {
    try {
        const processors = (await get('/admin/processors')).data;
        head = processors.reduce((highest, processor) => Math.max(highest, processor.head ?? 0), 0);
        $('#processors tbody').replaceChildren(...processors.map(processorRow));
        offerReadModels(processors.filter(processor => processor.activeGeneration).map(processor => processor.name));
        say($('#processors-message'), '');
        say($('#processors-updated'), `updated ${new Date().toLocaleTimeString()}`);
    } catch (error) {
        say($('#processors-message'), error.message, 'error');
    }
}

function processorRow(processor) {
    const rebuild = processor.rebuild;
    return el('tr', {dataset: {processor: processor.name}},
        el('td', {text: processor.name}),
        el('td', {text: processor.kind}),
        el('td', {}, el('span', {className: `badge ${processor.state}`, text: processor.state})),
        el('td', {className: 'number', text: number(processor.position)}),
        el('td', {className: 'number', text: number(processor.head)}),
        el('td', {className: 'number', text: number(processor.lag)}),
        el('td', {text: processor.activeGeneration ?? ''}),
        el('td', {text: rebuild ? `${rebuild.state} ${percent(rebuild.progress)}` : ''}));
}

function offerReadModels(names) {
    const select = $('#rebuild-model');
    const offered = [...select.options].map(option => option.value);
    if (offered.join() !== names.join()) {
        const chosen = select.value;
        select.replaceChildren(...names.map(name => el('option', {text: name})));
        if (names.includes(chosen)) select.value = chosen;
    }
}

async function refreshFeed() {
    if (feedAfter === null && head === null) return;
    // a tail: start a little before the head, and jump ahead rather than crawl through a burst
    if (feedAfter === null || head - feedAfter > FEED_ROWS * 4) {
        feedAfter = Math.max(0, head - 20);
    }
    try {
        const page = (await get(`/events?after=${feedAfter}&limit=${FEED_PAGE}`)).data;
        if (page.events.length) {
            const body = $('#feed tbody');
            body.prepend(...page.events.reverse().map(feedRow));
            while (body.rows.length > FEED_ROWS) body.deleteRow(-1);
        }
        feedAfter = page.next ?? feedAfter;
        say($('#feed-message'), '');
    } catch (error) {
        say($('#feed-message'), error.message, 'error');
    }
}

function feedRow(event) {
    const {sku, ...rest} = event.payload ?? {};
    const details = Object.entries(rest)
        .filter(([, value]) => value !== null && value !== undefined)
        .map(([key, value]) => `${key} ${value}`)
        .join(', ');
    return el('tr', {className: 'fresh', dataset: {position: event.position ?? ''}},
        el('td', {className: 'number', text: number(event.position)}),
        el('td', {}, time(event.timestamp)),
        el('td', {text: event.type}),
        el('td', {text: event.sku}),
        el('td', {text: details}),
        el('td', {text: event.metadata?.user ?? ''}));
}

async function startRebuild() {
    const name = $('#rebuild-model').value;
    if (!name) return;
    const button = $('#rebuild-start');
    button.disabled = true;
    say($('#rebuild-message'), '');
    try {
        showRun($('#rebuild-status'), (await post(`/admin/read-models/${segment(name)}/rebuild`)).data, rebuildState);
        let status;
        do {
            await wait(RUN_POLL_MS);
            status = (await get(`/admin/read-models/${segment(name)}/rebuild`)).data;
            showRun($('#rebuild-status'), status, rebuildState);
        } while (!finished(status));
        if (status.state === 'failed') say($('#rebuild-message'), status.failure, 'error');
        // the table's next poll is up to a second away; show the switched generation at once
        await refreshProcessors();
    } catch (error) {
        say($('#rebuild-message'), error.message, 'error');
    } finally {
        button.disabled = false;
    }
}

function rebuildState(status) {
    const states = {running: 'replaying', switching: 'switching to the rebuilt tables', completed: 'completed',
                    failed: 'failed'};
    return `${status.readModel}: ${states[status.state] ?? status.state}, ${number(status.eventsReplayed)} events `
        + `replayed into generation ${status.generation}`;
}

async function startAudit() {
    const button = $('#audit-start');
    button.disabled = true;
    say($('#audit-message'), '');
    try {
        let status = (await post('/admin/audits')).data;
        showRun($('#audit-status'), status, auditState);
        while (!finished(status)) {
            await wait(RUN_POLL_MS);
            status = (await get(`/admin/audits/${segment(status.id)}`)).data;
            showRun($('#audit-status'), status, auditState);
        }
        if (status.state === 'failed') {
            say($('#audit-message'), status.failure, 'error');
        } else {
            showReport((await get(`/admin/audits/${segment(status.id)}/report`)).data);
        }
    } catch (error) {
        say($('#audit-message'), error.message, 'error');
    } finally {
        button.disabled = false;
    }
}

function auditState(status) {
    const phases = {chain: 'verifying the hash chain', replay: 'replaying and checking the rules',
                    compare: 'comparing the read models', done: 'done'};
    const outcome = status.state === 'completed' ? (status.clean ? ': clean' : ': problems found') : '';
    return `Audit ${status.id}: ${phases[status.phase] ?? status.phase}${outcome}`;
}

const finished = status => status.state === 'completed' || status.state === 'failed';

function showRun(container, status, describe) {
    container.hidden = false;
    container.dataset.state = status.state;
    $('.progress-fill', container).style.width = `${Math.min(100, Math.max(0, status.progress))}%`;
    $('.progress-percent', container).textContent = percent(status.progress);
    $('.run-state', container).textContent = describe(status);
}

function showReport(report) {
    lastAudit = report.id;
    $('#audit-report').hidden = false;
    $('#audit-report-id').textContent = report.id;
    const verdict = $('#audit-verdict');
    verdict.textContent = report.clean ? 'clean' : 'problems found';
    verdict.className = `badge ${report.clean ? 'clean' : 'problems'}`;
    const violations = Object.entries(report.violations ?? {});
    const facts = [
        ['Events replayed', number(report.events)],
        ['Products', number(report.products)],
        ['Orders', number(report.orders)],
        ['Hash chain', report.hashChain],
        ['Rules broken', violations.length ? violations.map(([rule, count]) => `${rule}: ${count}`).join(', ') : 'none'],
        ['Discrepancies', number(report.discrepancyCount)],
        ['Left out as changing', number(report.skippedAsChanging)],
    ];
    $('#audit-summary').replaceChildren(...facts.flatMap(([term, value]) => [el('dt', {text: term}), el('dd', {text: value})]));

    const findings = report.firstFindings ?? [];
    $('#audit-findings').hidden = findings.length === 0;
    $('#audit-findings tbody').replaceChildren(...findings.map(finding => el('tr', {},
        el('td', {text: finding.check}), el('td', {className: 'number', text: number(finding.position)}),
        el('td', {text: finding.sku}), el('td', {className: 'number', text: number(finding.sequence)}),
        el('td', {text: finding.eventType}), el('td', {text: finding.detail}))));

    const discrepancies = report.discrepancies ?? [];
    $('#audit-discrepancies').hidden = discrepancies.length === 0;
    $('#audit-discrepancies tbody').replaceChildren(...discrepancies.map(row => el('tr', {},
        el('td', {text: row.readModel}), el('td', {text: row.key}),
        el('td', {className: 'code', text: row.expected}), el('td', {className: 'code', text: row.actual}))));
    $('#audit-discrepancies-note').textContent = report.discrepancyCount === 0
        ? 'The live read models equal the replay.'
        : discrepancies.length < report.discrepancyCount
            ? `The first ${discrepancies.length} of ${report.discrepancyCount}; all are in the CSV.`
            : `${report.discrepancyCount} ${report.discrepancyCount === 1 ? 'row differs' : 'rows differ'} from the replay.`;
}

/** The CSV needs the credentials too, so it is fetched by the page and handed to the browser as a file. */
async function downloadDiscrepancies() {
    try {
        const csv = (await get(`/admin/audits/${segment(lastAudit)}/discrepancies.csv`,
                               'text/csv, application/problem+json')).data;
        const url = URL.createObjectURL(new Blob([csv], {type: 'text/csv'}));
        const link = el('a', {href: url});
        link.download = `discrepancies-${lastAudit}.csv`;
        link.click();
        URL.revokeObjectURL(url);
    } catch (error) {
        say($('#audit-message'), error.message, 'error');
    }
}
