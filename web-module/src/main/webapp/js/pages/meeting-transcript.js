// The meeting page's transcript and analysis: segments typed or dictated (the browser's speech recognition
// where it offers one), searched over REST, and the AI analysis arriving live as analysis.* messages.
import { newClientId } from '../quorum.js';
import { api, formatTime } from '../session.js';

const KINDS = { action_item: 'Action', decision: 'Decision', risk: 'Risk', question: 'Question' };

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'text') node.textContent = value;
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value);
  }
  node.append(...children.filter(Boolean));
  return node;
}

function segmentItem(segment) {
  return element('li', { 'data-segment': segment.id },
    element('strong', { text: segment.speakerName }),
    element('span', { class: 'muted', text: ` · ${formatTime(segment.startedAt)}${segment.source === 'speech' ? ' · dictated' : ''}: ` }),
    element('span', { text: segment.text }));
}

function insightItem(insight) {
  const details = [insight.owner && `owner ${insight.owner}`, insight.dueOn && `due ${insight.dueOn}`].filter(Boolean).join(', ');
  return element('li', { 'data-kind': insight.kind },
    element('span', { class: 'kind', text: `${KINDS[insight.kind] ?? insight.kind}:` }),
    element('span', { text: insight.text }),
    details ? element('span', { class: 'muted', text: ` (${details})` }) : null);
}

function sentimentWords(score) {
  const value = Number(score);
  return `${value >= 0.25 ? 'positive' : value <= -0.25 ? 'negative' : 'neutral'} (${value.toFixed(2)})`;
}

export function mountTranscript({ client, meetingId, alertLine, organizer, participants, me }) {
  const list = document.getElementById('transcript');
  const insights = document.getElementById('analysis-insights');
  let searching = false;
  let analysisTimer;

  const speakerField = document.getElementById('transcript-speaker-field');
  const speaker = document.getElementById('transcript-speaker');
  speakerField.hidden = !organizer;
  speaker.replaceChildren(...participants.map((p) => element('option', { value: p.id, text: p.displayName })));
  if (me) speaker.value = me;
  document.getElementById('summarize').hidden = !organizer;

  async function loadTranscript(query) {
    const segments = await api(`meetings/${meetingId}/transcript${query ? `?q=${encodeURIComponent(query)}` : ''}`);
    list.replaceChildren(...(segments.length ? segments.map(segmentItem)
      : [element('li', { class: 'muted', text: query ? 'Nothing said contains that.' : 'Nothing has been said yet.' })]));
  }

  async function loadAnalysis() {
    const analysis = await api(`meetings/${meetingId}/analysis`);
    const jobs = analysis.jobs;
    const waiting = jobs.pending + jobs.relaying + jobs.queued;
    document.getElementById('analysis-jobs').textContent =
      `Analysed: ${jobs.done}${waiting ? `, ${waiting} waiting` : ''}${jobs.failed ? `, ${jobs.failed} failed` : ''}.`;
    document.getElementById('analysis-sentiment').textContent = analysis.speakers.length
      ? `Overall sentiment: ${sentimentWords(analysis.sentiment)}` : '';
    document.getElementById('analysis-speakers').replaceChildren(...analysis.speakers.map((s) =>
      element('li', { text: `${s.speaker}: ${sentimentWords(s.score)} over ${s.segments} ${s.segments === 1 ? 'segment' : 'segments'}` })));
    insights.replaceChildren(...(analysis.insights.length ? analysis.insights.map(insightItem)
      : [element('li', { class: 'muted', text: 'None yet.' })]));
    const summary = analysis.summaries.at(-1);
    if (summary) {
      const line = document.getElementById('analysis-summary');
      line.textContent = summary.text || 'Nothing to summarize yet.';
      line.classList.remove('muted');
    }
  }
  function analysisSoon() {
    clearTimeout(analysisTimer);
    analysisTimer = setTimeout(() => loadAnalysis().catch(() => {}), 300);
  }

  async function submit(text, source, confidence) {
    const data = { meeting: meetingId, id: newClientId(), text, source };
    if (organizer && speaker.value) data.speaker = speaker.value;
    if (confidence !== undefined) data.confidence = Math.round(confidence * 1000) / 1000;
    try {
      alertLine.textContent = '';
      await client.request('transcript.submit', data);
    } catch (failure) {
      alertLine.textContent = `Not added to the transcript: ${failure.message}`;
      throw failure;
    }
  }

  // enabled once this panel handles it: a submit before would reload the page
  document.querySelector('#transcript-form button[type="submit"]').disabled = false;
  document.getElementById('transcript-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = document.getElementById('transcript-text');
    if (!text.value.trim()) return;
    await submit(text.value.trim(), 'typed');
    text.value = '';
  });
  document.getElementById('transcript-search').addEventListener('submit', (event) => event.preventDefault());
  document.getElementById('transcript-query').addEventListener('input', (event) => {
    searching = Boolean(event.target.value.trim());
    loadTranscript(event.target.value.trim()).catch(() => {});
  });
  document.getElementById('summarize').addEventListener('click', async () => {
    try {
      await api(`meetings/${meetingId}/analysis/summaries`, { method: 'POST', body: {} });
      document.getElementById('analysis-summary').textContent = 'The summary is being written…';
    } catch (failure) {
      alertLine.textContent = failure.message;
    }
  });

  // dictation, where the browser has speech recognition: each final phrase becomes a segment
  const Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
  const dictate = document.getElementById('dictate');
  const dictationStatus = document.getElementById('dictation-status');
  if (Recognition) {
    dictate.hidden = false;
    let recognition = null;
    dictate.addEventListener('click', () => {
      if (recognition) {
        recognition.stop();
        return;
      }
      recognition = new Recognition();
      recognition.continuous = true;
      recognition.interimResults = false;
      recognition.lang = document.documentElement.lang || 'en';
      recognition.addEventListener('result', (event) => {
        for (let i = event.resultIndex; i < event.results.length; i++) {
          const best = event.results[i][0];
          if (event.results[i].isFinal && best.transcript.trim()) submit(best.transcript.trim(), 'speech', best.confidence).catch(() => {});
        }
      });
      recognition.addEventListener('error', (event) => { dictationStatus.textContent = `Dictation stopped: ${event.error}.`; });
      recognition.addEventListener('end', () => {
        recognition = null;
        dictate.setAttribute('aria-pressed', 'false');
        dictate.textContent = 'Dictate';
      });
      recognition.start();
      dictate.setAttribute('aria-pressed', 'true');
      dictate.textContent = 'Stop dictating';
      dictationStatus.textContent = 'Listening…';
    });
  }

  function onMessage(detail) {
    const data = detail.data;
    if (detail.type === 'transcript') {
      if (searching) return;
      list.querySelector('li.muted')?.remove();
      if (!list.querySelector(`[data-segment="${data.id}"]`)) list.append(segmentItem(data));
      list.scrollTop = list.scrollHeight;
    } else if (detail.type === 'analysis.insight') {
      insights.querySelector('li.muted')?.remove();
      insights.append(insightItem(data));
      analysisSoon();
    } else if (detail.type === 'analysis.summary') {
      const line = document.getElementById('analysis-summary');
      line.textContent = data.text || 'Nothing to summarize yet.';
      line.classList.remove('muted');
    } else if (detail.type.startsWith('analysis.')) {
      analysisSoon();
    }
  }

  loadTranscript().catch(() => {});
  loadAnalysis().catch(() => {});
  return { onMessage, reload: () => Promise.all([loadTranscript(), loadAnalysis()]).catch(() => {}) };
}
