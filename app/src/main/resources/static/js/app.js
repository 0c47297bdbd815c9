// The escalation queue, live: the page subscribes to the API's escalation stream (with its session) and, on
// every change, fetches the queue's rows as the server renders them. No markup is built here, so nothing a user
// wrote is ever interpreted as HTML. Rows are not replaced while the user is typing in one of their forms.
(function () {
    'use strict';

    function liveQueue(queue) {
        var status = document.getElementById('live-status');
        var pending = false;
        var latest = 0; // only the answer to the latest request is shown: answers may arrive out of order

        function busy() {
            var active = document.activeElement;
            if (active && queue.contains(active) && active.tagName !== 'BUTTON' && active.tagName !== 'A') {
                return true;
            }
            return Array.prototype.some.call(queue.querySelectorAll('input[type="text"], input:not([type])'),
                function (input) { return input.value !== ''; });
        }

        function refresh() {
            if (busy()) {
                pending = true;
                return;
            }
            pending = false;
            var request = ++latest;
            fetch(queue.dataset.rows, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
                .then(function (response) {
                    if (!response.ok) { throw new Error('queue ' + response.status); }
                    return response.text();
                })
                .then(function (html) {
                    if (request !== latest) { return; }
                    var parsed = new DOMParser().parseFromString(html, 'text/html');
                    var rows = parsed.body.firstElementChild;
                    if (rows) {
                        queue.replaceChildren(document.importNode(rows, true));
                        if (status) { status.textContent = queue.dataset.updated || ''; }
                    }
                })
                .catch(function () { pending = true; });
        }

        queue.addEventListener('focusout', function () {
            if (pending) { setTimeout(refresh, 0); }
        });
        var stream = new EventSource(queue.dataset.stream, { withCredentials: true });
        // Once subscribed (on load and after every reconnect), changes between the page's rendering and the
        // subscription would be missed: show the queue as it is now, then follow the changes.
        stream.addEventListener('subscribed', function () {
            refresh();
            document.body.dataset.live = 'subscribed';
        });
        stream.addEventListener('escalation', refresh);
    }

    document.addEventListener('DOMContentLoaded', function () {
        var queue = document.getElementById('queue');
        if (queue && queue.dataset.stream && window.EventSource) {
            liveQueue(queue);
        }
    });
}());
