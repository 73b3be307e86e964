package io.maskwatch.server;

/**
 * The image bytes of one request, still encoded, and the name used in messages (never a path on disk).
 * Held in memory only: uploads are never written to disk or logged.
 */
record ImageUpload(byte[] bytes, String name) {
}
