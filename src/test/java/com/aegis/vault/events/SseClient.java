package com.aegis.vault.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A Server-Sent Events client as an app would hold one: reads `id:`/`event:`/`data:` messages and comments. */
final class SseClient implements AutoCloseable {

    record Message(String id, String event, String data) {
        JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String memberId() {
            return json().path("memberId").asText();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> status = new CompletableFuture<>();
    final CompletableFuture<String> contentType = new CompletableFuture<>();
    final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    static SseClient open(URI uri, String token, String lastEventId) {
        SseClient client = new SseClient();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HTTP.sendAsync(request.build(), info -> {
            client.status.complete(info.statusCode());
            client.contentType.complete(info.headers().firstValue("Content-Type").orElse(""));
            return HttpResponse.BodySubscribers.fromLineSubscriber(client.new Lines());
        }).whenComplete((response, failure) -> client.ended.complete(null));
        return client;
    }

    int status() throws Exception {
        return status.get(10, TimeUnit.SECONDS);
    }

    /** The next message, or null if none arrives within {@code wait}. */
    Message next(Duration wait) throws InterruptedException {
        return messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next message matching {@code wanted} within {@code wait}, skipping others; null if none. */
    Message next(Predicate<Message> wanted, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            Message message = messages.poll(left, TimeUnit.NANOSECONDS);
            if (message == null) {
                return null;
            }
            if (wanted.test(message)) {
                return message;
            }
        }
    }

    /** Everything received within {@code wait}. */
    List<Message> drain(Duration wait) throws InterruptedException {
        Thread.sleep(wait.toMillis());
        List<Message> all = new ArrayList<>();
        messages.drainTo(all);
        return all;
    }

    @Override
    public void close() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }

    private final class Lines implements Flow.Subscriber<String> {
        private String id;
        private String event;
        private StringBuilder data;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.isEmpty()) {
                if (data != null) {
                    messages.add(new Message(id, event == null ? "message" : event, data.toString()));
                }
                event = null;
                data = null;
            } else if (line.startsWith(":")) {
                comments.add(line.substring(1).strip());
            } else {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                switch (field) {
                    case "id" -> id = value;
                    case "event" -> event = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> { }
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            ended.complete(null);
        }

        @Override
        public void onComplete() {
            ended.complete(null);
        }
    }
}
