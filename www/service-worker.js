// Offline after the first visit: every file of the built page is kept in the browser's cache and
// served from there, so the calculator opens without a network. The list of files and the cache
// name are filled in at build time (vite.config.ts); nothing here ever leaves this origin.
/* global self, caches */
const CACHE = "kol-attribution-__VERSION__";
const FILES = __FILES__;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  // Earlier builds' files are dropped; the page in front of the user keeps working until reloaded.
  event.waitUntil(caches.keys().then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name)))));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      // The page itself, whatever its query or fragment; everything else by its exact address.
      // Module scripts are requested with an Origin header the precache had not: ignore Vary.
      const cached = request.mode === "navigate" ? await cache.match("./", { ignoreSearch: true }) : await cache.match(request, { ignoreVary: true });
      return cached ?? fetch(request);
    }),
  );
});
