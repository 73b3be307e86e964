package io.maskwatch.video;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Each event as an HTTP POST of its JSON ({@code application/json}); any 2xx is delivered, anything else is retried. */
public final class WebhookSink extends QueuedSink {

    private final URI url;
    private final HttpClient client;

    public WebhookSink(URI url, Retry retry, int capacity, PrintWriter err) {
        super("webhook " + url, capacity, retry, err);
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("--webhook must be an http(s) URL, got " + url);
        }
        this.url = url;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        start();
    }

    @Override
    protected void deliver(WatchEvent event) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event.toJson())).build();
        HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 != 2) {
            throw new java.io.IOException("HTTP " + r.statusCode());
        }
    }
}
