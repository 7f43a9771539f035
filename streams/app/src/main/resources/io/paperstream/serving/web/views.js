// The dashboard's history views, one hash route each, so that the URL holds what is on screen:
//   #/?range=30d|90d|all  or  #/?from=2025-03-01&to=2025-03-07     overview: timeline and the live panels
//   #/window/<window start>                                        a closed window: risers, digest, papers
//   #/topic/<id>?range=…   #/keyword/<phrase>?range=…               a topic's or a keyphrase's history
//   #/papers?topic=&keyword=&q=&from=&to=&limit=&cursor=           paper search, paged
//   #/paper/<id>                                                   a paper in full
'use strict';

import { colour, historyChart } from './chart.js';
import {
  byId, digestBody, el, fixed, formatWindow, getJson, instantText, paperItem, routes, shortWindow,
} from './dom.js';

const RANGES = { '30d': 30, '90d': 90, all: 100000 };
const DAY_MS = 86400000;
const WINDOW_PAPERS = 20;
const TOPIC_PAPERS = 10;
// the topic's keyphrases are counted over its latest papers: the API keeps no per-topic keyphrase counts
const TOPIC_KEYPHRASE_PAPERS = 200;
const TOP_KEYPHRASES = 12;

let shown = 0;

/** The route of a location hash: its view, the view's argument and the query parameters. */
function parseRoute(hash) {
  const text = hash.replace(/^#\/?/, '');
  const question = text.indexOf('?');
  const path = question < 0 ? text : text.slice(0, question);
  const params = new URLSearchParams(question < 0 ? '' : text.slice(question + 1));
  const slash = path.indexOf('/');
  const view = (slash < 0 ? path : path.slice(0, slash)) || 'overview';
  return { view, arg: slash < 0 ? '' : decodeURIComponent(path.slice(slash + 1)), params };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The API query of the range the URL holds (range=30d|90d|all, or from/to as days); a bad value is an error naming it. */
function rangeQuery(params) {
  const from = params.get('from');
  const to = params.get('to');
  if (from || to) {
    [['from', from], ['to', to]].forEach(([name, value]) => {
      if (value && !DATE.test(value)) {
        throw new Error(`${name} must be a day like 2025-03-07, not "${value}"`);
      }
    });
    // the windows starting on the days from–to, both included
    return new URLSearchParams([...(from ? [['from', `${from}T00:00:00Z`]] : []), ...(to ? [['to', `${to}T23:59:59.999Z`]] : [])]);
  }
  const range = params.get('range') || '30d';
  if (!(range in RANGES)) {
    throw new Error(`range must be 30d, 90d or all, not "${range}"`);
  }
  return new URLSearchParams({ days: RANGES[range] });
}

/** The range buttons and from–to days; choosing one keeps the view and changes its range in the URL. */
function rangeControls(route) {
  const current = route.params.get('from') || route.params.get('to') ? null : route.params.get('range') || '30d';
  const go = (params) => {
    location.hash = `#/${route.view === 'overview' ? '' : `${route.view}/${encodeURIComponent(route.arg)}`}?${params}`;
  };
  const buttons = Object.keys(RANGES).map((range) => el('button', {
    type: 'button', 'data-range': range, class: range === current ? 'on' : null,
  }, range === 'all' ? 'all' : `last ${range.replace('d', ' days')}`));
  buttons.forEach((button) => button.addEventListener('click', () => go(new URLSearchParams({ range: button.dataset.range }))));
  const from = el('input', { type: 'date', name: 'from', value: route.params.get('from') || '' });
  const to = el('input', { type: 'date', name: 'to', value: route.params.get('to') || '' });
  const form = el('form', { class: 'range' }, buttons, el('label', null, 'from ', from), el('label', null, 'to ', to),
    el('button', { type: 'submit' }, 'show'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go(new URLSearchParams([...(from.value ? [['from', from.value]] : []), ...(to.value ? [['to', to.value]] : [])]));
  });
  return form;
}

function legend(series) {
  return el('ul', { class: 'legend' }, series.map((one, i) => el('li', { 'data-key': one.key },
    el('span', { class: 'swatch', style: `background:${colour(i)}` }),
    el('a', { href: routes.topic(one.key) }, one.label), el('small', null, ` ${one.counts.reduce((a, b) => a + b, 0)}`))));
}

// ----- overview: the timeline ---------------------------------------------------------------------

async function renderTimeline(route) {
  const holder = byId('timeline-body');
  const query = rangeQuery(route.params);
  const timeline = await getJson(`/api/timeline?${query}`);
  const windows = timeline.windows;
  const series = timeline.topics.map((topic) => ({
    key: topic.topic, label: topic.label, counts: topic.anyCounts, rising: topic.rising,
  }));
  byId('timeline-range').replaceChildren(rangeControls(route));
  holder.replaceChildren(historyChart(windows, series, 'papers per topic and window'), legend(series));
}

// ----- a window -----------------------------------------------------------------------------------

function risersList(trends, kind) {
  if (trends.length === 0) {
    return el('p', { class: 'empty' }, 'Nothing rose in this window.');
  }
  return el('ol', { class: 'ranked compact' }, trends.map((trend) => el('li', { 'data-key': trend.key, 'data-count': trend.count },
    el('span', { class: 'rank' }, trend.rank),
    el('a', { class: 'trend-name', href: kind === 'topic' ? routes.topic(trend.key) : routes.keyword(trend.key) }, trend.label,
      el('small', null, `${trend.count} papers · baseline ${fixed(trend.baseline)}`)),
    el('span', { class: 'score' }, `+${fixed(trend.score)}`))));
}

/** The closed window containing {@code day} (a yyyy-mm-dd), of the windows the history lists. */
function windowOn(windows, day) {
  const at = Date.parse(`${day}T00:00:00Z`);
  return windows.find((window) => Date.parse(window.windowStart) <= at && at < Date.parse(window.windowEnd));
}

function windowPicker(windows, start) {
  const index = windows.findIndex((window) => window.windowStart === start);
  const step = (offset) => {
    const other = windows[index + offset];
    return el('a', { class: other ? 'step' : 'step off', href: other ? routes.window(other.windowStart) : null },
      offset < 0 ? '← earlier' : 'later →');
  };
  const date = el('input', {
    type: 'date', id: 'window-date', value: start.slice(0, 10),
    min: windows.length > 0 ? windows[0].windowStart.slice(0, 10) : null,
    max: windows.length > 0 ? windows[windows.length - 1].windowStart.slice(0, 10) : null,
  });
  const note = el('small', { class: 'note' });
  date.addEventListener('change', () => {
    const found = windowOn(windows, date.value);
    note.textContent = found ? '' : `no closed window kept on ${date.value}`;
    if (found) {
      location.hash = routes.window(found.windowStart);
    }
  });
  return el('div', { class: 'picker' }, step(-1), el('label', null, 'window on ', date), step(1), note);
}

async function windowPapers(start, end) {
  const to = Date.parse(end) - 1;
  const view = await getJson(`/api/papers?from=${encodeURIComponent(start)}&to=${to}&limit=${WINDOW_PAPERS}`);
  const more = view.nextCursor
    ? el('a', { href: routes.papers({ from: start.slice(0, 10), to: instantText(new Date(to)).slice(0, 10) }) }, 'all papers of the window →')
    : null;
  return [el('ul', { class: 'papers-list', id: 'window-papers' }, view.papers.map((paper) => paperItem(paper, false))), more];
}

async function renderWindow(route) {
  const history = await getJson(`/api/trends/history?kind=topics&days=${RANGES.all}`);
  const latest = history.windows.length > 0 ? history.windows[history.windows.length - 1] : null;
  if (route.arg === 'latest') {
    if (latest) {
      window.history.replaceState(null, '', routes.window(latest.windowStart));
      return renderWindow(parseRoute(location.hash));
    }
    return el('p', { class: 'empty' }, 'No window has closed yet.');
  }
  const asked = new Date(route.arg);
  if (Number.isNaN(asked.getTime())) {
    throw new Error(`a window is named by its start, like 2025-03-07T00:00:00Z, not "${route.arg}"`);
  }
  const start = instantText(asked);
  const [topics, keywords, digest] = await Promise.all([
    getJson(`/api/trends?kind=topics&window=${encodeURIComponent(start)}`),
    getJson(`/api/trends?kind=keywords&window=${encodeURIComponent(start)}`),
    getJson(`/api/digest/${encodeURIComponent(start)}`)]);
  const papers = await windowPapers(topics.windowStart, topics.windowEnd);
  return el('section', { class: 'panel wide', id: 'window-view', 'data-window': start },
    el('h2', null, `Window ${formatWindow(topics.windowStart, topics.windowEnd)}`,
      el('small', null, ` ${digest.papersInWindow} papers`)),
    windowPicker(history.windows, start),
    el('div', { class: 'columns' },
      el('div', { id: 'window-topics' }, el('h3', null, 'Rising topics'), risersList(topics.trends, 'topic')),
      el('div', { id: 'window-keywords' }, el('h3', null, 'Rising keyphrases'), risersList(keywords.trends, 'keyword'))),
    el('h3', null, 'Digest: the risers\' representative papers'),
    el('div', { id: 'window-digest', class: 'digest-body' }, digestBody(digest)),
    el('h3', null, 'Papers published in the window'), papers);
}

// ----- a topic and a keyphrase --------------------------------------------------------------------

function risingTable(rising) {
  if (rising.length === 0) {
    return el('p', { class: 'empty' }, 'Not reported rising in this range.');
  }
  return el('table', { class: 'rising-windows' },
    el('thead', null, el('tr', null, ['window', 'papers', 'baseline', 'score', 'rank'].map((name) => el('th', null, name)))),
    el('tbody', null, rising.slice().reverse().map((trend) => el('tr', { 'data-window': trend.windowStart },
      el('td', null, el('a', { href: routes.window(trend.windowStart) }, shortWindow(trend.windowStart))),
      el('td', null, trend.count), el('td', null, fixed(trend.baseline)), el('td', null, fixed(trend.score)), el('td', null, trend.rank)))));
}

function keyphraseCounts(papers) {
  const counts = new Map();
  papers.forEach((paper) => new Set(paper.keyphrases).forEach((phrase) => counts.set(phrase, (counts.get(phrase) || 0) + 1)));
  // ties in code-unit order, not the locale's: the same order wherever the page runs
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : Number(a[0] > b[0]))).slice(0, TOP_KEYPHRASES);
}

async function renderTopic(route) {
  const topic = route.arg;
  const [timeline, papers] = await Promise.all([
    getJson(`/api/timeline?${rangeQuery(route.params)}`),
    getJson(`/api/papers?topic=${encodeURIComponent(topic)}&limit=${TOPIC_KEYPHRASE_PAPERS}`)]);
  const found = timeline.topics.find((one) => one.topic === topic);
  // a topic without papers in the range still has its page; one the taxonomy does not know is a 404 naming it
  const { label } = found || await getJson(`/api/topics/${encodeURIComponent(topic)}/windows`);
  const counts = found ? found.anyCounts : timeline.windows.map(() => 0);
  const series = [
    { key: topic, label: `${label}, any topic`, counts, rising: found ? found.rising : [] },
    { key: `${topic}-primary`, label: `${label}, primary topic`, counts: found ? found.primaryCounts : counts, rising: [], colour: '#8fb3d9' }];
  const keyphrases = keyphraseCounts(papers.papers);
  return el('section', { class: 'panel wide', id: 'topic-view', 'data-topic': topic },
    el('h2', null, label, el('small', null, ` topic ${topic} · papers per window`)),
    rangeControls(route), historyChart(timeline.windows, series, `${label}: papers per window`),
    el('div', { class: 'columns' },
      el('div', { id: 'topic-rising' }, el('h3', null, 'Rising windows'), risingTable(series[0].rising)),
      el('div', { id: 'topic-keyphrases' }, el('h3', null, `Top keyphrases of its latest ${papers.papers.length} papers`),
        el('ol', { class: 'keyphrase-counts' }, keyphrases.map(([phrase, count]) => el('li', { 'data-key': phrase },
          el('a', { href: routes.keyword(phrase) }, phrase), el('small', null, ` ${count}`))))),
      el('div', { id: 'topic-papers' }, el('h3', null, 'Recent papers'),
        el('ul', { class: 'papers-list' }, papers.papers.slice(0, TOPIC_PAPERS).map((paper) => paperItem(paper, false))),
        el('a', { href: routes.papers({ topic }) }, 'all its papers →'))));
}

async function renderKeyword(route) {
  const phrase = route.arg;
  // the keyphrase trend history fixes the range's windows and says where the phrase rose
  const history = await getJson(`/api/trends/history?kind=keywords&${rangeQuery(route.params)}`);
  const starts = history.windows.map((window) => window.windowStart);
  const counted = starts.length === 0 ? { windows: [] }
    : await getJson(`/api/keywords/${encodeURIComponent(phrase)}/windows?from=${encodeURIComponent(starts[0])}&to=${encodeURIComponent(starts[starts.length - 1])}`);
  const byStart = new Map(counted.windows.map((window) => [window.windowStart, window.count]));
  const rising = history.windows.flatMap((window) => window.trends.filter((trend) => trend.key === phrase.toLowerCase()));
  const series = [{ key: phrase, label: phrase, counts: starts.map((start) => byStart.get(start) || 0), rising }];
  return el('section', { class: 'panel wide', id: 'keyword-view', 'data-keyphrase': phrase },
    el('h2', null, `“${phrase}”`, el('small', null, ' keyphrase · papers per window')),
    rangeControls(route), historyChart(starts, series, `${phrase}: papers per window`),
    el('div', { class: 'columns' },
      el('div', { id: 'keyword-rising' }, el('h3', null, 'Rising windows'), risingTable(rising)),
      el('div', null, el('h3', null, 'Papers'), el('a', { href: routes.papers({ keyword: phrase }) }, 'papers with this keyphrase →'))));
}

// ----- papers -------------------------------------------------------------------------------------

const FILTERS = ['topic', 'keyword', 'q', 'from', 'to'];

function paperFilter(params, topics) {
  const value = (name) => params.get(name) || '';
  const topic = el('select', { name: 'topic' }, el('option', { value: '' }, 'any topic'),
    topics.map((one) => el('option', { value: one.topic }, one.label)));
  topic.value = value('topic');
  const form = el('form', { id: 'paper-filter', class: 'filter' },
    el('label', null, 'topic ', topic),
    el('label', null, 'keyphrase ', el('input', { name: 'keyword', value: value('keyword'), size: 18 })),
    el('label', null, 'words ', el('input', { name: 'q', type: 'search', value: value('q'), size: 24, placeholder: '"a phrase", a | b, -word, pre*' })),
    el('label', null, 'from ', el('input', { name: 'from', type: 'date', value: value('from') })),
    el('label', null, 'to ', el('input', { name: 'to', type: 'date', value: value('to') })),
    el('button', { type: 'submit' }, 'search'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    // a new search starts at the first page, of the page size the URL had
    location.hash = routes.papers({
      ...Object.fromEntries(FILTERS.map((name) => [name, String(data.get(name)).trim()])), limit: params.get('limit'),
    });
  });
  return form;
}

/** The API query of the papers view: its filters (days as the whole day), page size and the page's cursor. */
function papersQuery(params) {
  const query = new URLSearchParams();
  ['topic', 'keyword', 'q', 'limit', 'cursor'].filter((name) => params.get(name)).forEach((name) => query.set(name, params.get(name)));
  [['from', 0], ['to', DAY_MS - 1]].filter(([name]) => params.get(name)).forEach(([name, offset]) => {
    const day = params.get(name);
    if (!DATE.test(day)) {
      throw new Error(`${name} must be a day like 2025-03-07, not "${day}"`);
    }
    query.set(name, String(Date.parse(`${day}T00:00:00Z`) + offset));
  });
  return query;
}

/** Pages go forward by cursor in the URL, so the previous page is the previous entry of the history. */
function previousPage() {
  const back = el('button', { type: 'button', id: 'papers-previous' }, '← previous page');
  back.addEventListener('click', () => window.history.back());
  return back;
}

async function renderPapers(route) {
  const [topics, found] = await Promise.all([getJson('/api/topics'), getJson(`/api/papers?${papersQuery(route.params)}`)]);
  const next = new URLSearchParams(route.params);
  if (found.nextCursor) {
    next.set('cursor', found.nextCursor);
  }
  return el('section', { class: 'panel wide', id: 'papers-view' },
    el('h2', null, 'Papers', el('small', null, ' newest publication first')),
    paperFilter(route.params, topics.topics),
    found.papers.length > 0
      ? el('ul', { class: 'papers-list', id: 'paper-results' }, found.papers.map((paper) => paperItem(paper, false)))
      : el('p', { class: 'empty', id: 'paper-results-empty' }, 'No paper matches.'),
    el('p', { class: 'pager' },
      route.params.get('cursor') ? previousPage() : null,
      found.nextCursor ? el('a', { id: 'papers-next', href: `#/papers?${next}` }, 'next page →') : null));
}

function linkList(urls) {
  return el('ul', { class: 'links' }, urls.map((url) => el('li', null, el('a', { href: url, target: '_blank', rel: 'noopener' }, url))));
}

function paperTopics(paper) {
  return el('ul', { id: 'paper-topics', class: 'evidence' }, paper.topics.map((topic) => el('li', { 'data-topic': topic.id, 'data-score': topic.score },
    el('a', { href: routes.topic(topic.id) }, topic.label), topic.id === paper.primaryTopic ? el('small', null, ' primary') : null,
    el('span', { class: 'score' }, ` ${topic.score.toFixed(2)}`),
    el('div', { class: 'terms' }, topic.evidence.map((term) => el('span', { class: 'term' }, term)),
      topic.categories.map((category) => el('span', { class: 'term category' }, category))))));
}

function paperLinks(paper) {
  const others = paper.urls.filter((url) => url !== paper.url && !paper.codeUrls.includes(url));
  return [el('h3', null, 'Links'), paper.url ? linkList([paper.url]) : el('p', { class: 'empty' }, 'none'),
    el('h3', null, paper.codeReleased ? 'Code (released)' : 'Code'),
    paper.codeUrls.length > 0 ? linkList(paper.codeUrls) : el('p', { class: 'empty' }, 'none found'),
    others.length > 0 ? [el('h3', null, 'Other links'), linkList(others)] : null];
}

async function renderPaper(route) {
  const paper = await getJson(`/api/papers/${encodeURIComponent(route.arg)}`);
  return el('section', { class: 'panel wide', id: 'paper-view', 'data-paper-id': paper.id },
    el('h2', null, paper.title),
    el('p', { class: 'paper-meta' }, [paper.authors.join(', '), `published ${paper.publishedAt.slice(0, 16).replace('T', ' ')}`,
      paper.arxivId ? `arXiv ${paper.arxivId}` : '', paper.categories.join(' ')].filter(Boolean).join(' · ')),
    el('p', { class: 'abstract' }, paper.abstract),
    el('div', { class: 'columns' },
      el('div', null, el('h3', null, 'Topics, scores and evidence'), paperTopics(paper)),
      el('div', null, el('h3', null, 'Keyphrases'),
        el('ul', { id: 'paper-keyphrases', class: 'terms' }, paper.keyphrases.map((phrase) => el('li', { 'data-key': phrase },
          el('a', { href: routes.keyword(phrase) }, phrase))))),
      el('div', null, paperLinks(paper))));
}

// ----- routing ------------------------------------------------------------------------------------

const VIEWS = {
  window: renderWindow, topic: renderTopic, keyword: renderKeyword, papers: renderPapers, paper: renderPaper,
};

/** Shows the view the URL names; a view that fails says why in its place, the rest of the page keeps working. */
export async function showRoute() {
  const token = ++shown;
  const route = parseRoute(location.hash);
  const overview = route.view === 'overview';
  const view = byId('view');
  byId('overview').hidden = !overview;
  view.hidden = overview;
  // what is on screen, for whoever waits for a view: the hash once its view is drawn
  delete view.dataset.shown;
  document.querySelectorAll('.nav a').forEach((link) => link.classList.toggle('on', link.dataset.view === route.view));
  try {
    if (!overview && !VIEWS[route.view]) {
      throw new Error(`no view "${route.view}" (overview, window, topic, keyword, papers, paper)`);
    }
    const content = overview ? await renderTimeline(route) : await VIEWS[route.view](route);
    if (token === shown && !overview) {
      view.replaceChildren(content);
      window.scrollTo(0, 0);
    }
  } catch (problem) {
    if (token === shown) {
      const where = overview ? byId('timeline-body') : view;
      where.replaceChildren(el('p', { class: 'problem view-problem' }, `${location.hash || '#/'}: ${problem.message}`));
    }
  }
  if (token === shown) {
    view.dataset.shown = location.hash || '#/';
  }
}

/** Redraws the overview's timeline (a window closed) when it is on screen. */
export function refreshTimeline() {
  return parseRoute(location.hash).view === 'overview' ? showRoute() : Promise.resolve();
}
