// Embeddable chat widget: on any site,
//   <script src="https://your-guixu/chat/widget.js" data-workflow="WORKFLOW_ID" async></script>
// adds a chat button that opens the hosted chat page in a frame. No inline code
// or styles are injected into the page's markup (CSP-safe: styles are set through
// the DOM, which style-src does not govern).
(() => {
  const script = document.currentScript;
  if (!script) return;
  const workflowId = script.dataset.workflow;
  if (!workflowId) return;
  const origin = new URL(script.src).origin;
  const label = script.dataset.label || 'Chat';

  const frame = document.createElement('iframe');
  frame.src = `${origin}/chat/${encodeURIComponent(workflowId)}?embed=1`;
  frame.title = label;
  Object.assign(frame.style, {
    position: 'fixed',
    right: '20px',
    bottom: '84px',
    width: '380px',
    height: '560px',
    maxWidth: 'calc(100vw - 40px)',
    maxHeight: 'calc(100vh - 120px)',
    border: '0',
    borderRadius: '12px',
    boxShadow: '0 8px 32px rgba(0,0,0,.25)',
    display: 'none',
    zIndex: '2147483647',
    background: '#fff',
  });

  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.setAttribute('aria-expanded', 'false');
  Object.assign(button.style, {
    position: 'fixed',
    right: '20px',
    bottom: '20px',
    padding: '12px 20px',
    border: '0',
    borderRadius: '24px',
    background: '#2563eb',
    color: '#fff',
    font: '600 15px system-ui, sans-serif',
    cursor: 'pointer',
    zIndex: '2147483647',
  });
  button.addEventListener('click', () => {
    const open = frame.style.display === 'none';
    frame.style.display = open ? 'block' : 'none';
    button.setAttribute('aria-expanded', String(open));
  });

  const mount = () => document.body.append(frame, button);
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
