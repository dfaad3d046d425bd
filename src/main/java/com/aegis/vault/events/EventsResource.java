package com.aegis.vault.events;

import com.aegis.vault.pagination.Cursor;
import com.aegis.vault.problem.ProblemException;
import com.aegis.vault.problem.ProblemResponses;
import com.aegis.vault.security.Caller;
import com.aegis.vault.security.Roles;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Set;

/** The live event stream for an open app (Server-Sent Events). */
@Path("/api/v1/events")
@Tag(name = "Events", description = "approval.requested, approval.resolved, approval.expired, advocate.linked, advocate.unlinked")
@APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
public class EventsResource {

    @Inject
    Caller caller;

    @Inject
    EventFeed feed;

    @Inject
    Outbox outbox;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({Roles.MEMBER, Roles.ADVOCATE, Roles.ADMIN})
    @Blocking // opening reads the caller's links and the cursor range; the stream itself holds no thread
    @Operation(summary = "Stream the events the caller may see",
            description = "A member: their own; an advocate: those of the members who link them now; an admin: all. "
                    + "Each message has `id:` (an opaque cursor), `event:` (the type) and `data:` (the event's JSON). "
                    + "Reconnect with `Last-Event-ID` to continue after that event, nothing lost, nothing repeated. "
                    + "A cursor older than the retention (7 days at least) or not issued here starts the stream with "
                    + "one `event: reset` message: re-read your lists. A `: keep-alive` comment comes at least every 15 s.")
    @APIResponse(responseCode = "200", description = "The event stream (text/event-stream)")
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    public Multi<OutboundSseEvent> stream(
            @Parameter(description = "The `id:` of the last event received, to resume after it")
            @HeaderParam("Last-Event-ID") String lastEventId,
            @Context Sse sse) {
        Viewer viewer = new Viewer(caller.id(), caller.isMember(), caller.isAdvocate(), caller.isAdmin());
        Outbox.Opening now = outbox.opening(viewer.advocate() ? viewer.id() : null);
        long sequenced = now.sequenced();
        Long resumeAfter = parse(lastEventId);
        OutboundSseEvent first = null;
        long start = sequenced;
        Set<String> skipped = now.committedUnsequenced(); // happened before this stream: not "news" for it
        if (resumeAfter != null && resumeAfter <= sequenced && resumeAfter >= now.prunedThrough()) {
            start = resumeAfter;
            skipped = Set.of();
        } else if (lastEventId != null && !lastEventId.isBlank()) {
            String reason = resumeAfter == null || resumeAfter > sequenced ? "not-issued-here" : "too-old";
            first = sse.newEventBuilder().id(EventStream.cursor(sequenced)).name("reset")
                    .data("{\"type\":\"reset\",\"reason\":\"" + reason + "\"}").build();
        }
        long from = start;
        OutboundSseEvent reset = first;
        Set<String> before = skipped;
        return Multi.createFrom().<OutboundSseEvent>emitter(emitter -> {
            EventStream stream = new EventStream(viewer, now.served(), from, before, reset, emitter, sse, feed, outbox,
                    Infrastructure.getDefaultWorkerPool());
            emitter.onTermination(() -> feed.unregister(stream));
            emitter.onRequest(n -> stream.drain());
            if (!feed.register(stream)) {
                emitter.complete(); // this pod is shutting down: reconnect to another
                return;
            }
            stream.drain();
        }, BackPressureStrategy.ERROR);
    }

    private static Long parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(Cursor.decode(lastEventId.strip(), EventStream.CURSOR_LIST, 1)[0]);
        } catch (ProblemException | NumberFormatException e) {
            return null;
        }
    }
}
