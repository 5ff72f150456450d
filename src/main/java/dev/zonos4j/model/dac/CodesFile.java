package dev.zonos4j.model.dac;

import dev.zonos4j.util.InvalidInputException;
import dev.zonos4j.weights.DType;
import dev.zonos4j.weights.SafeTensors;
import dev.zonos4j.weights.SafeTensorsWriter;
import dev.zonos4j.weights.Tensor;
import dev.zonos4j.weights.WeightsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Code files for the CLI: reads {@code .npy} (int64/int32/int16/uint8, C or Fortran order) and
 * {@code .safetensors} (tensor {@code audio_codes}, or the file's only integer tensor), shaped
 * {@code [n, T]} or {@code [1, n, T]}; writes {@code .safetensors} with {@code audio_codes} I64 {@code [1, n, T]}.
 */
public final class CodesFile {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private CodesFile() {
    }

    /** Reads codes {@code [codebooks][T]}, checking the codebook count. */
    public static int[][] read(Path file, int codebooks) {
        byte[] head = new byte[6];
        try (var in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, 6);
            if (n == 6 && (head[0] & 0xFF) == 0x93 && new String(head, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
                return readNpy(file, codebooks);
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": file not found");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        try {
            return readSafeTensors(file, codebooks);
        } catch (WeightsException e) {
            throw new InvalidInputException(file + ": neither a .npy file nor a readable safetensors file ("
                    + e.getMessage() + ")", e);
        }
    }

    private static int[][] readSafeTensors(Path file, int codebooks) {
        SafeTensors st = SafeTensors.open(file);
        Tensor t = null;
        if (st.has("audio_codes")) {
            t = st.get("audio_codes");
        } else {
            for (String k : st.keys()) {
                Tensor c = st.get(k);
                if (!c.dtype().isFloating()) {
                    if (t != null) {
                        throw new InvalidInputException(file + ": no 'audio_codes' tensor and several integer tensors ("
                                + t.name() + ", " + k + "); which holds the codes?");
                    }
                    t = c;
                }
            }
        }
        if (t == null || t.dtype().isFloating()) {
            throw new InvalidInputException(file + ": no integer 'audio_codes' tensor");
        }
        long[] shape = t.shape();
        long[] flat = t.toLongArray();
        return arrange(file, shape, flat, false, codebooks);
    }

    private static int[][] readNpy(Path file, int codebooks) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int major = all[6];
        int headerLen;
        int start;
        if (major == 1) {
            headerLen = b.getShort(8) & 0xFFFF;
            start = 10;
        } else if (major == 2 || major == 3) {
            headerLen = b.getInt(8);
            start = 12;
        } else {
            throw new InvalidInputException(file + ": unsupported .npy version " + major);
        }
        if (start + headerLen > all.length) {
            throw new InvalidInputException(file + ": truncated .npy header");
        }
        String header = new String(all, start, headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new InvalidInputException(file + ": .npy header lacks descr/fortran_order/shape: " + header.trim());
        }
        String descr = d.group(1);
        String[] dims = s.group(1).split(",");
        long[] shape = Arrays.stream(dims).map(String::trim).filter(x -> !x.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        long count = 1;
        for (long dim : shape) {
            count *= dim;
        }
        int width = switch (descr) {
            case "<i8", "<u8" -> 8;
            case "<i4", "<u4" -> 4;
            case "<i2", "<u2" -> 2;
            case "|u1", "|i1", "<u1", "<i1" -> 1;
            default -> throw new InvalidInputException(file + ": .npy holds '" + descr
                    + "'; codes must be little-endian integers (int64, int32, int16 or uint8)");
        };
        int data = start + headerLen;
        if (data + count * width > all.length) {
            throw new InvalidInputException(file + ": .npy data is truncated (" + count + " values of " + width + " bytes)");
        }
        long[] flat = new long[(int) count];
        boolean unsigned = descr.contains("u");
        for (int i = 0; i < flat.length; i++) {
            int p = data + i * width;
            flat[i] = switch (width) {
                case 8 -> b.getLong(p);
                case 4 -> unsigned ? Integer.toUnsignedLong(b.getInt(p)) : b.getInt(p);
                case 2 -> unsigned ? b.getShort(p) & 0xFFFF : b.getShort(p);
                default -> unsigned ? all[p] & 0xFF : all[p];
            };
        }
        return arrange(file, shape, flat, f.group(1).equals("True"), codebooks);
    }

    private static int[][] arrange(Path file, long[] shape, long[] flat, boolean fortran, int codebooks) {
        boolean ok = (shape.length == 2 && shape[0] == codebooks) || (shape.length == 3 && shape[0] == 1 && shape[1] == codebooks);
        if (!ok || shape[shape.length - 1] < 1) {
            throw new InvalidInputException(file + ": codes have shape " + Arrays.toString(shape) + ", expected ["
                    + codebooks + ", T] or [1, " + codebooks + ", T] with T >= 1");
        }
        int frames = (int) shape[shape.length - 1];
        int[][] codes = new int[codebooks][frames];
        for (int i = 0; i < codebooks; i++) {
            for (int t = 0; t < frames; t++) {
                long v = fortran ? flat[t * codebooks + i] : flat[i * frames + t];
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw new InvalidInputException(file + ": code " + v + " at codebook " + i + ", frame " + t + " is out of range");
                }
                codes[i][t] = (int) v;
            }
        }
        return codes;
    }

    /**
     * Writes codes as {@code [1, n, T]} int64: {@code .npy} when the name ends so, else safetensors with tensor
     * {@code audio_codes} (the golden kits' layout). The file appears under its name only when complete.
     */
    public static void write(Path file, int[][] codes, int sampleRate, int hopLength) {
        if (file.getFileName().toString().endsWith(".npy")) {
            writeNpy(file, codes);
            return;
        }
        int n = codes.length;
        int frames = codes[0].length;
        long[] flat = new long[n * frames];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < frames; t++) {
                flat[i * frames + t] = codes[i][t];
            }
        }
        new SafeTensorsWriter()
                .metadata("sampling_rate", Integer.toString(sampleRate))
                .metadata("hop_length", Integer.toString(hopLength))
                .add("audio_codes", DType.I64, new long[] {1, n, frames}, out -> {
                    ByteBuffer bb = ByteBuffer.allocate(flat.length * 8).order(ByteOrder.LITTLE_ENDIAN);
                    bb.asLongBuffer().put(flat);
                    out.write(bb.array());
                })
                .write(file);
    }

    private static void writeNpy(Path file, int[][] codes) {
        int n = codes.length;
        int frames = codes[0].length;
        StringBuilder h = new StringBuilder("{'descr': '<i8', 'fortran_order': False, 'shape': (1, " + n + ", " + frames + "), }");
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        ByteBuffer b = ByteBuffer.allocate(10 + h.length() + 8 * n * frames).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) h.length()).put(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        for (int[] row : codes) {
            for (int c : row) {
                b.putLong(c);
            }
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.write(tmp, b.array());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new InvalidInputException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
