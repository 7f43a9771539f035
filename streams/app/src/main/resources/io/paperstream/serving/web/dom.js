// What every part of the dashboard shares: building DOM and SVG from data, reading the API, dates.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';

export const byId = (id) => document.getElementById(id);

/** An element with attributes and children (strings become text: data never becomes markup). */
export function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (value !== null && value !== undefined) {
      node.setAttribute(name, value);
    }
  });
  children.flat(Infinity).forEach((child) => {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : String(child));
    }
  });
  return node;
}

/** An SVG element with attributes and children, like {@link el}. */
export function svg(tag, attributes, ...children) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
  children.flat(Infinity).forEach((child) => {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : String(child));
    }
  });
  return node;
}

/** The API's JSON answer; a failure carries the API's own sentence ({"error", "message"}) and the path. */
export async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    const problem = new Error(`${path} answered ${response.status}${body && body.message ? `: ${body.message}` : ''}`);
    problem.status = response.status;
    throw problem;
  }
  return response.json();
}

export function showProblem(message) {
  const problem = byId('problem');
  problem.textContent = message;
  problem.hidden = !message;
}

export function formatWindow(startText, endText) {
  const start = new Date(startText);
  const end = new Date(endText);
  const wholeDays = start.getUTCHours() === 0 && start.getUTCMinutes() === 0 && end.getUTCHours() === 0 && end.getUTCMinutes() === 0;
  const format = (date) => date.toISOString().slice(0, wholeDays ? 10 : 16).replace('T', ' ');
  if (wholeDays && end - start === 86400000) {
    return `${format(start)} (UTC)`;
  }
  return `${format(start)} – ${format(end)} UTC`;
}

/** A window start as the API writes it and the page's URLs carry it: 2025-03-07T00:00:00Z. */
export const instantText = (date) => date.toISOString().replace('.000Z', 'Z');

/** The short label of a window start: its day, or day and time when the windows are shorter. */
export const shortWindow = (startText) => (startText.slice(11, 16) === '00:00' ? startText.slice(0, 10) : startText.slice(0, 16).replace('T', ' '));

export const fixed = (value) => Number(value).toFixed(1);

/** Links within the page: the hash route of a view. */
export const routes = {
  window: (start) => `#/window/${start}`,
  topic: (topic) => `#/topic/${encodeURIComponent(topic)}`,
  keyword: (phrase) => `#/keyword/${encodeURIComponent(phrase)}`,
  paper: (id) => `#/paper/${encodeURIComponent(id)}`,
  papers: (filters) => {
    const query = new URLSearchParams(Object.entries(filters).filter(([, value]) => value)).toString();
    return query ? `#/papers?${query}` : '#/papers';
  },
};

/** A paper as listed: its title (to its view in the page), topic chips, code and publication time. */
export function paperItem(paper, fresh) {
  const chips = paper.topics.map((topic) => el('a', {
    class: topic.id === paper.primaryTopic ? 'chip primary' : 'chip', 'data-topic': topic.id, href: routes.topic(topic.id),
  }, topic.label));
  const source = paper.url ? el('a', { href: paper.url, target: '_blank', rel: 'noopener' }, 'paper ↗') : null;
  const code = paper.codeUrls.length > 0
    ? el('a', { class: 'code-link', href: paper.codeUrls[0], target: '_blank', rel: 'noopener' }, 'code ↗')
    : null;
  const published = el('time', { datetime: paper.publishedAt }, paper.publishedAt.slice(0, 16).replace('T', ' '));
  return el('li', { 'data-paper-id': paper.id, class: fresh ? 'fresh' : null },
    el('a', { class: 'paper-title', href: routes.paper(paper.id) }, paper.title),
    el('div', { class: 'paper-meta' }, chips, source, code, published));
}

function digestEntry(entry) {
  return el('li', { 'data-key': entry.key }, el('strong', null, entry.label), ` — ${entry.count} papers, baseline ${fixed(entry.baseline)}`,
    el('ul', null, entry.papers.map((paper) => el('li', null, el('a', { href: routes.paper(paper.id) }, paper.title),
      paper.url ? ' · ' : null, paper.url ? el('a', { href: paper.url, target: '_blank', rel: 'noopener' }, 'paper ↗') : null,
      paper.codeUrl ? ' · ' : null, paper.codeUrl ? el('a', { href: paper.codeUrl, target: '_blank', rel: 'noopener' }, 'code ↗') : null))));
}

/** A trending paper as a ranked row: rank, title (to its view), topic, engagement gains, links, velocity score. */
export function trendingItem(paper) {
  const source = paper.url ? el('a', { href: paper.url, target: '_blank', rel: 'noopener' }, 'paper ↗') : null;
  const code = paper.codeUrl
    ? el('a', { class: 'code-link', href: paper.codeUrl, target: '_blank', rel: 'noopener' }, 'code ↗')
    : null;
  return el('li', { 'data-paper-id': paper.id },
    el('span', { class: 'rank' }, paper.rank),
    el('div', null, el('a', { class: 'paper-title', href: routes.paper(paper.id) }, paper.title),
      el('div', { class: 'paper-meta' },
        el('a', { class: 'chip primary', 'data-topic': paper.topic, href: routes.topic(paper.topic) }, paper.topicLabel),
        `+${paper.upvotesGain} upvotes · +${paper.starsGain} stars`, source, code)),
    el('span', { class: 'score', title: 'engagement velocity score' }, fixed(paper.score)));
}

/** A digest as three blocks: its rising topics with their representative papers, its rising keyphrases, its trending papers. */
export function digestBody(digest) {
  const topics = digest.topics.length > 0
    ? el('ol', null, digest.topics.map(digestEntry))
    : el('p', { class: 'empty' }, 'No topic rose.');
  const keyphrases = digest.keyphrases.length > 0
    ? el('ol', null, digest.keyphrases.map((entry) => el('li', { 'data-key': entry.key },
      el('a', { href: routes.keyword(entry.key) }, el('strong', null, entry.label)), ` — ${entry.count} papers`)))
    : el('p', { class: 'empty' }, 'No keyphrase rose.');
  const trending = digest.trendingPapers.length > 0
    ? el('ol', { class: 'ranked compact' }, digest.trendingPapers.map(trendingItem))
    : el('p', { class: 'empty' }, 'No paper gained engagement.');
  return [el('div', { 'data-digest-day': digest.day }, el('h3', null, 'Rising topics'), topics),
    el('div', null, el('h3', null, 'Rising keyphrases'), keyphrases),
    el('div', { 'data-digest-trending': '' }, el('h3', null, 'Trending papers'), trending)];
}
