package io.switchboard.schemas;

import com.github.luben.zstd.ZstdInputStream;
import io.switchboard.schemas.avro.PayloadEncoding;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Inflates a compressed payload (gzip, raw deflate or zstd), at most {@code maxBytes} of output so that a small input cannot expand into a huge
 * one: reading stops at the first byte beyond the bound, so refusing a decompression bomb costs no more than
 * inflating {@code maxBytes}. Gateways use it once per record for deliveries (never per connection) and once per client
 * binary publish; the processor checks compressed domain events with it.
 */
public final class PayloadInflater {
    /**
     * Largest zstd window (log2) a client's payload may ask the decoder for: 8 MiB, enough for every standard level
     * up to 19, where zstd's own default would allocate up to 128 MiB for a few crafted header bytes.
     */
    public static final int CLIENT_ZSTD_WINDOW_LOG_MAX = 23;

    private final int maxBytes;
    /** 0: zstd's default. */
    private final int zstdWindowLogMax;

    public PayloadInflater(int maxBytes) {
        this(maxBytes, 0);
    }

    public PayloadInflater(int maxBytes, int zstdWindowLogMax) {
        this.maxBytes = maxBytes;
        this.zstdWindowLogMax = zstdWindowLogMax;
    }

    /** Thrown by a stream of {@link #open} when the payload inflates to more than the bound. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(int maxBytes) {
            super("inflates to more than " + maxBytes + " bytes");
        }
    }

    /**
     * The inflated payload.
     *
     * @throws IllegalArgumentException when it is not valid in its encoding or inflates beyond the bound
     */
    public byte[] inflate(PayloadEncoding encoding, byte[] data) {
        if (encoding == PayloadEncoding.NONE) {
            return data;
        }
        try (InputStream in = open(encoding, data)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot inflate " + encoding + " payload: " + e.getMessage(), e);
        }
    }

    /**
     * A stream of the inflated payload that throws {@link TooLargeException} on reading beyond the bound, and an
     * {@link IOException} where the data is not valid in its encoding. Close it (zstd holds native memory).
     */
    public InputStream open(PayloadEncoding encoding, byte[] data) throws IOException {
        return open(encoding, data, 0, data.length);
    }

    /** {@link #open(PayloadEncoding, byte[])} of {@code length} bytes of {@code data} from {@code offset}. */
    public InputStream open(PayloadEncoding encoding, byte[] data, int offset, int length) throws IOException {
        InputStream raw = new ByteArrayInputStream(data, offset, length);
        InputStream inflating =
                switch (encoding) {
                    case GZIP -> new GZIPInputStream(raw);
                    case DEFLATE -> new InflaterInputStream(raw, new Inflater(true));
                    case ZSTD -> zstd(raw);
                    case NONE -> raw;
                };
        return new Bounded(inflating, maxBytes);
    }

    private InputStream zstd(InputStream raw) throws IOException {
        ZstdInputStream zstd = new ZstdInputStream(raw);
        if (zstdWindowLogMax > 0) {
            try {
                zstd.setLongMax(zstdWindowLogMax);
            } catch (IOException | RuntimeException e) {
                zstd.close();
                throw e;
            }
        }
        return zstd;
    }

    /** Counts what is read and refuses to go beyond the bound. */
    private static final class Bounded extends FilterInputStream {
        private final int maxBytes;
        private long read;

        Bounded(InputStream in, int maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            // never ask for more than one byte past the bound: that byte alone proves the payload too large
            long room = (long) maxBytes - read + 1;
            int n = in.read(buffer, offset, (int) Math.min(length, Math.max(room, 1)));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // skipped bytes are inflated bytes too: count them
            int chunk = (int) Math.min(Math.max(n, 0), 8192);
            return chunk == 0 ? 0 : Math.max(0, read(new byte[chunk], 0, chunk));
        }

        private void count(int n) throws TooLargeException {
            read += n;
            if (read > maxBytes) {
                throw new TooLargeException(maxBytes);
            }
        }
    }
}
