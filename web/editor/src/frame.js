// When an embed page (/embed/...) is shown in another site's frame, it tells the parent
// its content height on load and on every change, so the parent's embed.js can size the
// iframe to fit: an iframe is 150px tall unless told otherwise, and a fixed one either clips a lesson or
// leaves a gap. "*" as the target is safe: the message carries only a number, and the
// parent checks the sender's origin. embed.js may start after the first report (an async
// script): it then asks each frame to measure again.
const resizeMessage = 'apigw-playground:resize';
const measureMessage = 'apigw-playground:measure';

export function reportHeightWhenFramed() {
  if (window.parent === window || !document.body.classList.contains('embed')) return;
  const root = document.documentElement;
  let last = 0;
  const post = () => {
    // The root element's own box: unlike scrollHeight it shrinks when the content does.
    const height = Math.ceil(root.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: resizeMessage, height }, '*');
  };
  new ResizeObserver(post).observe(root);
  window.addEventListener('message', (e) => {
    if (e.source !== window.parent || !e.data || e.data.type !== measureMessage) return;
    last = 0;
    post();
  });
  window.addEventListener('load', post);
  post();
}
