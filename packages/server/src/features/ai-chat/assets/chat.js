// The hosted chat page (GET /chat/:workflowId): sends each message to
// POST /chat/:workflowId/messages and shows the answer as it streams
// (server-sent events: start, delta, done, error). Text only: nothing is
// rendered as HTML.
(() => {
  const root = document.getElementById('guixu-chat');
  if (!root) return;
  const workflowId = root.dataset.workflow || '';
  const log = document.getElementById('guixu-chat-log');
  const form = document.getElementById('guixu-chat-form');
  const input = document.getElementById('guixu-chat-input');
  const send = document.getElementById('guixu-chat-send');

  function randomId() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
    const bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  const storageKey = `guixu-chat-session:${workflowId}`;
  let sessionId = '';
  try {
    sessionId = window.localStorage.getItem(storageKey) || '';
    if (!sessionId) {
      sessionId = randomId();
      window.localStorage.setItem(storageKey, sessionId);
    }
  } catch {
    sessionId = randomId();
  }
  root.dataset.session = sessionId;

  function bubble(kind, text) {
    const div = document.createElement('div');
    div.className = `message ${kind}`;
    div.textContent = text;
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
    return div;
  }

  let initial = [];
  try {
    initial = JSON.parse(root.dataset.initial || '[]');
  } catch {
    initial = [];
  }
  for (const text of initial) bubble('bot', String(text));

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)guixu_csrf=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : undefined;
  }

  function handle(name, data, answer) {
    if (name === 'delta') {
      answer.textContent += data.text;
    } else if (name === 'done') {
      answer.textContent = data.answer;
      answer.dataset.done = 'true';
    } else if (name === 'error') {
      answer.className = 'message error';
      answer.textContent = data.message;
      answer.dataset.done = 'true';
    }
    log.scrollTop = log.scrollHeight;
  }

  async function ask(text) {
    bubble('user', text);
    const answer = bubble('bot', '');
    const headers = { 'content-type': 'application/json', accept: 'text/event-stream' };
    const csrf = csrfToken();
    if (csrf) headers['x-guixu-csrf'] = csrf;
    const response = await fetch(`/chat/${encodeURIComponent(workflowId)}/messages`, {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: JSON.stringify({ sessionId, chatInput: text }),
    });
    if (!response.ok || !response.body) {
      let message = `The chat answered ${response.status}`;
      try {
        message = (await response.json()).message || message;
      } catch {}
      handle('error', { message }, answer);
      return;
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let name = 'message';
        let data = '';
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) name = line.slice(7);
          else if (line.startsWith('data: ')) data += line.slice(6);
        }
        if (data) handle(name, JSON.parse(data), answer);
        end = buffer.indexOf('\n\n');
      }
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    send.disabled = true;
    try {
      await ask(text);
    } catch (error) {
      bubble('error', String(error && error.message ? error.message : error));
    } finally {
      send.disabled = false;
      input.focus();
    }
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
})();
