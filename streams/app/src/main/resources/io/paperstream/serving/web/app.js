// The paperstream dashboard: reads the serving API once, then follows the live stream (/api/stream); the
// history views (views.js) follow the URL. Hand-written DOM and SVG: a few lists and charts need no framework,
// no build step and no third-party code in the jar.
'use strict';

import {
  byId, digestBody, el, fixed, formatWindow, getJson, paperItem, routes, showProblem, svg, trendingItem,
} from './dom.js';
import { refreshTimeline, showRoute } from './views.js';

const PAPERS_SHOWN = 15;
const TRENDING_REFRESH_MS = 5000;
const SPARK_WINDOWS = 14;
const RELOAD_DELAY_MS = 400;

const state = {
  counts: new Map(),
  papers: [],
  topicTrends: null,
  keywordTrends: null,
  digest: null,
  sparks: new Map(),
  connectedOnce: false,
};
const timers = new Map();

/** Runs {@code task} once, {@code RELOAD_DELAY_MS} after the last of a burst of calls with the same key. */
function debounce(key, task) {
  clearTimeout(timers.get(key));
  timers.set(key, setTimeout(() => {
    timers.delete(key);
    task().catch((problem) => showProblem(problem.message));
  }, RELOAD_DELAY_MS));
}

// ----- rising topics and keyphrases -------------------------------------------------------------

function sparkline(values, label) {
  const width = 120;
  const height = 30;
  const pad = 3;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const points = values.map((value, i) => [pad + i * step, height - pad - (value / max) * (height - 2 * pad)]);
  const chart = svg('svg', {
    class: 'spark', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label,
  });
  if (points.length === 0) {
    return chart;
  }
  const line = points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  const baseline = height - pad;
  chart.append(svg('polygon', { class: 'area', points: `${points[0][0]},${baseline} ${line} ${points[points.length - 1][0]},${baseline}` }));
  chart.append(svg('polyline', { class: 'line', points: line }));
  const [lastX, lastY] = points[points.length - 1];
  chart.append(svg('circle', { class: 'dot', cx: lastX, cy: lastY, r: 2.5 }));
  return chart;
}

function trendItem(trend, kind) {
  const detail = `${trend.count} papers · baseline ${fixed(trend.baseline)} · ${trend.baselineWindows} windows of history`;
  const item = el('li', { 'data-key': trend.key, 'data-kind': kind, 'data-count': trend.count },
    el('span', { class: 'rank' }, trend.rank),
    el('a', { class: 'trend-name', title: trend.label, href: kind === 'topic' ? routes.topic(trend.key) : routes.keyword(trend.key) },
      trend.label, el('small', null, detail)),
    el('span', { class: 'score', title: 'rise score' }, `+${fixed(trend.score)}`));
  if (kind === 'topic') {
    item.setAttribute('data-topic', trend.key);
    const spark = state.sparks.get(trend.key);
    const holder = el('span', { class: 'spark-holder' });
    if (spark) {
      holder.append(sparkline(spark, `${trend.label}: papers per window, last ${spark.length} windows`));
    }
    item.insertBefore(holder, item.lastChild);
    item.classList.add('with-spark');
  }
  return item;
}

function renderTrends(view, listId, kind) {
  const list = byId(listId);
  const empty = byId(`${listId}-empty`);
  list.replaceChildren(...(view ? view.trends : []).map((trend) => trendItem(trend, kind)));
  empty.hidden = Boolean(view && view.trends.length > 0);
  empty.textContent = !view || !view.windowStart ? 'No window has closed yet.' : 'Nothing rose in this window.';
}

function renderWindowLabel() {
  const view = state.topicTrends;
  if (view && view.windowStart) {
    const label = formatWindow(view.windowStart, view.windowEnd);
    byId('window-label').replaceChildren('latest closed window: ', el('a', { href: routes.window(view.windowStart) }, label));
    byId('rising-window').textContent = label;
  }
}

async function loadSpark(topic, windowStart) {
  const view = await getJson(`/api/topics/${encodeURIComponent(topic)}/windows?to=${encodeURIComponent(windowStart)}`);
  state.sparks.set(topic, view.windows.slice(-SPARK_WINDOWS).map((counted) => counted.anyCount));
}

async function loadTrends() {
  const [topics, keywords] = await Promise.all([getJson('/api/trends?kind=topics'), getJson('/api/trends?kind=keywords')]);
  if (topics.windowStart) {
    await Promise.all(topics.trends.map((trend) => loadSpark(trend.key, topics.windowStart)));
    state.digest = await getJson('/api/digest/latest');
  }
  state.topicTrends = topics;
  state.keywordTrends = keywords;
  renderTrends(topics, 'topic-trends', 'topic');
  renderTrends(keywords, 'keyword-trends', 'keyword');
  renderWindowLabel();
  renderDigest();
}

// ----- counts by topic --------------------------------------------------------------------------

function renderCounts(changedTopic) {
  const counts = [...state.counts.values()].sort((a, b) => b.anyCount - a.anyCount || b.primaryCount - a.primaryCount
    || a.topic.localeCompare(b.topic));
  const max = Math.max(1, ...counts.map((count) => count.anyCount));
  byId('topic-counts').replaceChildren(...counts.map((count) => {
    const any = el('span', { class: 'any' });
    any.style.width = `${(100 * count.anyCount) / max}%`;
    const primary = el('span', { class: 'primary' });
    primary.style.width = `${(100 * count.primaryCount) / max}%`;
    return el('li', {
      'data-topic': count.topic, 'data-any': count.anyCount, 'data-primary': count.primaryCount,
      class: count.topic === changedTopic ? 'changed' : null,
      title: `${count.label}: primary topic of ${count.primaryCount}, a topic of ${count.anyCount} papers`,
    }, el('span', { class: 'label' }, count.label), el('span', { class: 'bar' }, any, primary),
    el('span', { class: 'num' }, count.anyCount));
  }));
  byId('topic-counts-empty').hidden = counts.length > 0;
}

async function loadCounts() {
  const view = await getJson('/api/topics');
  state.counts = new Map(view.topics.map((count) => [count.topic, count]));
  renderCounts(null);
}

// ----- recent papers ----------------------------------------------------------------------------

function renderPapers(freshId) {
  byId('recent-papers').replaceChildren(...state.papers.map((paper) => paperItem(paper, paper.id === freshId)));
  byId('recent-papers-empty').hidden = state.papers.length > 0;
}

function mergePapers(papers) {
  const byPaper = new Map(state.papers.map((paper) => [paper.id, paper]));
  papers.forEach((paper) => byPaper.set(paper.id, paper));
  state.papers = [...byPaper.values()]
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || a.id.localeCompare(b.id))
    .slice(0, PAPERS_SHOWN);
}

async function loadPapers() {
  const view = await getJson(`/api/papers?limit=${PAPERS_SHOWN}`);
  mergePapers(view.papers);
  renderPapers(null);
}

// ----- digest -----------------------------------------------------------------------------------

function renderDigest() {
  const digest = state.digest;
  byId('digest-empty').hidden = Boolean(digest);
  if (!digest) {
    return;
  }
  byId('digest-day').textContent = `${digest.day} · ${digest.papersInWindow} papers in the window`;
  byId('digest-body').replaceChildren(...digestBody(digest));
}

// ----- trending papers --------------------------------------------------------------------------

async function loadTrending() {
  const view = await getJson('/api/papers/trending');
  byId('trending-papers').replaceChildren(...view.papers.map(trendingItem));
  byId('trending-papers-empty').hidden = view.papers.length > 0;
}

// ----- live stream ------------------------------------------------------------------------------

function setLive(liveState, text) {
  const live = byId('live');
  live.dataset.state = liveState;
  live.textContent = text;
}

function onPaper(paper) {
  mergePapers([paper]);
  renderPapers(paper.id);
}

function onCount(count) {
  state.counts.set(count.topic, count);
  renderCounts(count.topic);
}

function onWindow(closed) {
  const trends = state.topicTrends;
  if (trends && trends.windowStart && trends.trends.some((trend) => trend.key === closed.topic)) {
    debounce(`spark-${closed.topic}`, async () => {
      await loadSpark(closed.topic, trends.windowStart);
      renderTrends(state.topicTrends, 'topic-trends', 'topic');
    });
  }
}

function loadAll() {
  return Promise.all([loadCounts(), loadPapers(), loadTrends(), loadTrending()])
    .then(() => showProblem(''))
    .catch((problem) => showProblem(`${problem.message}; retrying when the live stream reconnects`));
}

function connect() {
  const source = new EventSource('/api/stream');
  source.addEventListener('open', () => {
    setLive('live', 'live');
    if (state.connectedOnce) {
      // events may have been missed while disconnected
      loadAll();
    }
    state.connectedOnce = true;
  });
  source.addEventListener('error', () => setLive('connecting', 'reconnecting'));
  source.addEventListener('paper', (event) => onPaper(JSON.parse(event.data)));
  source.addEventListener('count', (event) => onCount(JSON.parse(event.data)));
  source.addEventListener('window', (event) => onWindow(JSON.parse(event.data)));
  ['trend', 'keyword', 'digest'].forEach((type) => source.addEventListener(type, () => {
    debounce('trends', loadTrends);
    debounce('timeline', refreshTimeline);
  }));
}

window.addEventListener('hashchange', showRoute);
connect();
loadAll();
showRoute();
// engagement moves without papers arriving: the ranking is asked for again every few seconds
setInterval(() => loadTrending().catch((problem) => showProblem(problem.message)), TRENDING_REFRESH_MS);
