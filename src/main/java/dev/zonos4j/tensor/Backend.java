package dev.zonos4j.tensor;

import dev.zonos4j.tensor.onednn.OneDnn;
import dev.zonos4j.tensor.onednn.OneDnnException;
import dev.zonos4j.util.InvalidInputException;
import java.util.Locale;

/**
 * Which compute kernels run: {@link #NATIVE} (oneDNN for matmuls, bf16 dot products where the CPU has them),
 * {@link #VECTOR} (portable Vector API, f32 activations: the exact path the golden kits check), {@link #SCALAR}
 * (the plain reference). {@link #AUTO} is native where oneDNN loads, else vector. The system property
 * {@code zonos.backend} sets the default ({@code --backend} on the command line).
 */
public enum Backend {
    AUTO, NATIVE, VECTOR, SCALAR;

    /** Parses a user's backend name (case-insensitive), naming the accepted values when it is unknown. */
    public static Backend parse(String name) {
        for (Backend b : values()) {
            if (b.name().equalsIgnoreCase(name.trim())) {
                return b;
            }
        }
        throw new InvalidInputException("unknown backend '" + name + "' (expected auto, native, vector or scalar)");
    }

    /** The backend named by {@code -Dzonos.backend}, or {@link #AUTO}. */
    public static Backend fromSystemProperty() {
        String v = System.getProperty("zonos.backend");
        return v == null || v.isBlank() ? AUTO : parse(v);
    }

    /**
     * The kernels of this backend. {@link #NATIVE} fails with a message saying why oneDNN is unavailable;
     * {@link #AUTO} then falls back to the Vector API.
     */
    public Kernels kernels() {
        return switch (this) {
            case SCALAR -> ScalarKernels.INSTANCE;
            case VECTOR -> VectorKernels.INSTANCE;
            case NATIVE -> nativeKernels();
            case AUTO -> OneDnn.available() ? nativeKernels() : VectorKernels.INSTANCE;
        };
    }

    private static volatile NativeKernels nativeKernels;

    private static Kernels nativeKernels() {
        NativeKernels k = nativeKernels;
        if (k == null) {
            synchronized (Backend.class) {
                k = nativeKernels;
                if (k == null) {
                    try {
                        nativeKernels = k = new NativeKernels(OneDnn.get());
                    } catch (OneDnnException e) {
                        throw new OneDnnException("the native backend is not available: " + e.getMessage()
                                + " (use --backend vector)", e);
                    }
                }
            }
        }
        return k;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
