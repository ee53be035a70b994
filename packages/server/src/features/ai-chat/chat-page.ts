import type { ChatTarget } from './hosted-chat.ts';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** The hosted chat page: markup only; its script and styles are files of their own (CSP without 'unsafe-inline'). */
export function chatPage(target: Pick<ChatTarget, 'workflowId' | 'title' | 'initialMessages'>): string {
  const title = escapeHtml(target.title);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/chat/assets/chat.css">
<script src="/chat/assets/chat.js" defer></script>
</head>
<body>
<main id="guixu-chat" data-workflow="${escapeHtml(target.workflowId)}" data-initial="${escapeHtml(JSON.stringify(target.initialMessages))}">
<header>${title}</header>
<div id="guixu-chat-log" aria-live="polite"></div>
<form id="guixu-chat-form">
<textarea id="guixu-chat-input" rows="2" placeholder="Type a message…" aria-label="Message"></textarea>
<button id="guixu-chat-send" type="submit">Send</button>
</form>
</main>
</body>
</html>
`;
}

/** For a chat that needs a signed-in member, when nobody is signed in. */
export function signInPage(workflowId: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in to chat</title>
<link rel="stylesheet" href="/chat/assets/chat.css"></head>
<body><main><header>This chat is for signed-in members</header>
<p><a href="/?redirect=${encodeURIComponent(`/chat/${workflowId}`)}">Sign in to GuixuFlow</a> in this browser, then reload this page.</p>
</main></body></html>
`;
}
