package io.nifidataflow.enrich;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.distributed.cache.client.Deserializer;
import org.apache.nifi.distributed.cache.client.DistributedMapCacheClient;
import org.apache.nifi.distributed.cache.client.Serializer;

/**
 * A DistributedMapCacheClient over a map that several clients can share, standing in for a cache server: two
 * processors with clients over the same map behave like two cluster nodes, and the map outlives processor restarts.
 */
public class InMemoryMapCacheClient extends AbstractControllerService implements DistributedMapCacheClient {

    private final Map<ByteBuffer, byte[]> server;
    private volatile boolean failing;
    private int callsUntilFailure = -1;

    public InMemoryMapCacheClient(final Map<ByteBuffer, byte[]> server) {
        this.server = server;
    }

    public static Map<ByteBuffer, byte[]> newServer() {
        return new ConcurrentHashMap<>();
    }

    public void setFailing(final boolean failing) {
        this.failing = failing;
    }

    /** Makes only the call after the next {@code calls} fail, as a brief network outage would. */
    public synchronized void failOneCallAfter(final int calls) {
        this.callsUntilFailure = calls;
    }

    private synchronized boolean failsNow() {
        if (callsUntilFailure >= 0) {
            return callsUntilFailure-- == 0;
        }
        return failing;
    }

    private <T> ByteBuffer bytes(final T value, final Serializer<T> serializer) throws IOException {
        if (failsNow()) {
            throw new IOException("cache server unreachable");
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.serialize(value, out);
        return ByteBuffer.wrap(out.toByteArray());
    }

    private <T> byte[] raw(final T value, final Serializer<T> serializer) throws IOException {
        return bytes(value, serializer).array();
    }

    @Override
    public <K, V> boolean putIfAbsent(final K key, final V value, final Serializer<K> keySerializer, final Serializer<V> valueSerializer) throws IOException {
        return server.putIfAbsent(bytes(key, keySerializer), raw(value, valueSerializer)) == null;
    }

    @Override
    public <K, V> V getAndPutIfAbsent(final K key, final V value, final Serializer<K> keySerializer, final Serializer<V> valueSerializer,
                                      final Deserializer<V> valueDeserializer) throws IOException {
        final byte[] previous = server.putIfAbsent(bytes(key, keySerializer), raw(value, valueSerializer));
        return previous == null ? null : valueDeserializer.deserialize(previous);
    }

    @Override
    public <K> boolean containsKey(final K key, final Serializer<K> keySerializer) throws IOException {
        return server.containsKey(bytes(key, keySerializer));
    }

    @Override
    public <K, V> void put(final K key, final V value, final Serializer<K> keySerializer, final Serializer<V> valueSerializer) throws IOException {
        server.put(bytes(key, keySerializer), raw(value, valueSerializer));
    }

    @Override
    public <K, V> V get(final K key, final Serializer<K> keySerializer, final Deserializer<V> valueDeserializer) throws IOException {
        final byte[] value = server.get(bytes(key, keySerializer));
        return value == null ? null : valueDeserializer.deserialize(value);
    }

    @Override
    public void close() {
    }

    @Override
    public <K> boolean remove(final K key, final Serializer<K> serializer) throws IOException {
        return server.remove(bytes(key, serializer)) != null;
    }
}
