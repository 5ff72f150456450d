package dev.zonos4j.engine;

/**
 * A way to stop one speech request from another thread (a client that went away, a server shutting down).
 * The engine hooks the request's scheduler ticket to it; cancelling before the request starts stops it at once.
 */
public final class Cancellation {
    private Runnable action;
    private boolean cancelled;

    public synchronized void cancel() {
        cancelled = true;
        if (action != null) {
            action.run();
        }
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Runs {@code hook} on cancellation (at once when already cancelled). */
    synchronized void onCancel(Runnable hook) {
        action = hook;
        if (cancelled) {
            hook.run();
        }
    }
}
