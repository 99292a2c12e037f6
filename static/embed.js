// embed.js sizes the playground's iframes to their content. A doc author includes it once,
// on the page that holds the frames:
//
//   <iframe src="https://playground.example.com/embed/lessons/proxy-response" style="width:100%;border:0"></iframe>
//   <script src="https://playground.example.com/embed.js" async></script>
//
// Every /embed/... page posts {type: "apigw-playground:resize", height} to its parent on
// load and whenever its content changes size. This script takes only messages from the
// server it was loaded from, finds the iframe that sent each one, and sets its height. Frames
// that reported before this script ran are asked to measure again.
// No dependencies, nothing global.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var origin = new URL(script.src, location.href).origin;
  var maxHeight = 100000; // a bound on what a page may ask for

  function fromThisServer(frame) {
    try {
      return new URL(frame.src, location.href).origin === origin;
    } catch (e) {
      return false;
    }
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || data.type !== 'apigw-playground:resize') return;
    var height = Number(data.height);
    if (!isFinite(height) || height <= 0) return;
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source && fromThisServer(frames[i])) {
        frames[i].style.height = Math.ceil(Math.min(height, maxHeight)) + 'px';
        return;
      }
    }
  });

  var frames = document.getElementsByTagName('iframe');
  for (var i = 0; i < frames.length; i++) {
    if (frames[i].contentWindow && fromThisServer(frames[i])) {
      frames[i].contentWindow.postMessage({ type: 'apigw-playground:measure' }, origin);
    }
  }
})();
