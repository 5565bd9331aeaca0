// axios imports the `form-data` package (and through it mime-db, ~140 KB) for multipart bodies,
// which glance-share never sends. Node 20's own FormData stands in for it in the bundle.
module.exports = globalThis.FormData;
