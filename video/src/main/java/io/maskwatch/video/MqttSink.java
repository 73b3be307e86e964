package io.maskwatch.video;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Events to an MQTT broker (Eclipse Paho, QoS 1): topic {@code PREFIX/SOURCE/TYPE}, e.g.
 * {@code maskwatch/entrance-cam/alert}, where SOURCE is the source's name with characters other than letters,
 * digits, '.', '_' and '-' replaced by '_' (MQTT wildcards and '/' never appear in it). Payload: the event's JSON.
 */
public final class MqttSink extends QueuedSink {

    private final String broker;
    private final String prefix;
    private MqttClient client;

    public MqttSink(String broker, String prefix, Retry retry, int capacity, PrintWriter err) {
        super("mqtt " + broker, capacity, retry, err);
        if (!broker.startsWith("tcp://") && !broker.startsWith("ssl://")) {
            throw new IllegalArgumentException("--mqtt must be tcp://HOST:PORT or ssl://HOST:PORT, got " + broker);
        }
        if (prefix.isEmpty() || prefix.contains("+") || prefix.contains("#")) {
            throw new IllegalArgumentException("--mqtt-topic must be non-empty without + or #, got '" + prefix + "'");
        }
        this.broker = broker;
        this.prefix = prefix;
        start();
    }

    /** The topic of an event. */
    public static String topic(String prefix, String source, String type) {
        return prefix + "/" + sourceKey(source) + "/" + type;
    }

    /** A source name made safe for one MQTT topic level. */
    public static String sourceKey(String source) {
        String s = source.replaceAll("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        int slash = s.lastIndexOf('/');
        if (!source.contains("://") && slash >= 0) {
            s = s.substring(slash + 1); // files: the file name
        }
        s = s.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() ? "source" : s.toLowerCase(Locale.ROOT);
    }

    @Override
    protected void deliver(WatchEvent event) throws Exception {
        MqttClient c = connected();
        MqttMessage m = new MqttMessage(event.toJson().getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        c.publish(topic(prefix, event.source(), event.type()), m);
    }

    private MqttClient connected() throws MqttException {
        if (client == null) {
            client = new MqttClient(broker, "maskwatch-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100000,
                    new MemoryPersistence());
        }
        if (!client.isConnected()) {
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            o.setConnectionTimeout(5);
            o.setKeepAliveInterval(30);
            client.connect(o);
        }
        return client;
    }

    @Override
    protected void release() {
        if (client != null) {
            try {
                if (client.isConnected()) {
                    client.disconnect(2000);
                }
                client.close();
            } catch (MqttException e) {
                warn("closing: " + e.getMessage());
            }
        }
    }
}
