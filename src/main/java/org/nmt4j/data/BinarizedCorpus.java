package org.nmt4j.data;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

import org.nmt4j.io.AtomicFile;

/**
 * The prepared training corpus in the model folder ({@code corpus.bin}): every kept pair as ids, read by index, so
 * that training holds only the lengths in memory (4 bytes a pair) and reads each batch's ids from the file, and a
 * resumed or restarted run, or {@code nmt4j train} after {@code nmt4j prepare}, skips reading, tokenizing and BPE.
 * A fingerprint decides whether it still holds: the training files (path, size, modification time), the
 * preprocessing settings and the vocabularies and codes the ids refer to; a changed file means preparing again.
 *
 * <p>Format (big-endian): magic {@code NMT4JCB2}; the ids, pair after pair (source then target, int each); the
 * lengths (source and target, int each, per pair); a footer (fingerprint, the preparation's summary, the parts, the
 * pair count, the id count, the longest source and target); then the footer's position, a CRC-32C of everything
 * before the footer's end, and the magic again. Written atomically ({@link Writer}); read by positional reads
 * (thread-safe), never mapped, so the file's pages stay in the page cache and out of the process's memory.
 */
public final class BinarizedCorpus implements TrainingPairs, Closeable {

    /** The file in the model folder. */
    public static final String FILE = "corpus.bin";

    /** The longest side a pair may have in pieces (lengths are kept as 16 bits). */
    public static final int MAX_LENGTH = 65_535;

    private static final byte[] MAGIC = "NMT4JCB2".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OLD_MAGIC = "NMT4JCB1".getBytes(StandardCharsets.US_ASCII);
    private static final int TRAILER = 8 + 8 + MAGIC.length;
    private static final int BLOCK = 64; // pairs per stored offset

    private final Path file;
    private final FileChannel channel;
    private final String summary;
    private final List<Part> parts;
    private final char[] sourceLengths;
    private final char[] targetLengths;
    private final long[] blockOffsets; // byte position of the ids of every BLOCK-th pair
    private final int longestSource;
    private final int longestTarget;
    private final long ids;

    private BinarizedCorpus(Path file, FileChannel channel, Footer footer, char[] sourceLengths,
                            char[] targetLengths) {
        this.file = file;
        this.channel = channel;
        this.summary = footer.summary;
        this.parts = footer.parts;
        this.sourceLengths = sourceLengths;
        this.targetLengths = targetLengths;
        this.longestSource = footer.longestSource;
        this.longestTarget = footer.longestTarget;
        this.ids = footer.ids;
        this.blockOffsets = new long[(sourceLengths.length + BLOCK - 1) / BLOCK + 1];
        long position = MAGIC.length;
        for (int i = 0; i < sourceLengths.length; i++) {
            if (i % BLOCK == 0) {
                blockOffsets[i / BLOCK] = position;
            }
            position += 4L * (sourceLengths[i] + targetLengths[i]);
        }
    }

    /**
     * The fingerprint of training files and the settings that turned them into ids; null when a file is not a
     * regular file (a pipe cannot be fingerprinted, so its corpus is prepared every time).
     */
    public static String fingerprint(List<Path> files, String settings) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            String stamp = file.toAbsolutePath().normalize() + "\t" + Files.size(file) + "\t"
                    + Files.getLastModifiedTime(file).toMillis() + "\n";
            digest.update(stamp.getBytes(StandardCharsets.UTF_8));
        }
        digest.update(settings.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Writes the pairs of a list with their fingerprint and summary, atomically (one part). */
    public static void write(Path file, String fingerprint, String summary, List<EncodedPair> pairs)
            throws IOException {
        try (Writer writer = writer(file)) {
            for (EncodedPair pair : pairs) {
                writer.add(pair.source(), pair.target());
            }
            writer.commit(fingerprint, summary, List.of(new Part("train", 0, pairs.size())));
        }
    }

    /** Starts writing a corpus: pairs are added in order, and {@link Writer#commit} puts the file in place. */
    public static Writer writer(Path file) throws IOException {
        return new Writer(file);
    }

    /**
     * The corpus, when the file exists, is whole and carries this fingerprint; otherwise null, and why goes to
     * {@code reason} (nothing when there is no file). A null fingerprint matches nothing.
     */
    public static BinarizedCorpus open(Path file, String fingerprint, Consumer<String> reason) throws IOException {
        return Files.isRegularFile(file) ? open(file, fingerprint, false, reason) : null;
    }

    /** The corpus just written to {@code file}, whatever its fingerprint. */
    public static BinarizedCorpus openWritten(Path file) throws IOException {
        List<String> problems = new ArrayList<>();
        BinarizedCorpus corpus = open(file, null, true, problems::add);
        if (corpus == null) {
            throw new IOException(String.join("; ", problems));
        }
        return corpus;
    }

    private static BinarizedCorpus open(Path file, String fingerprint, boolean anyFingerprint,
                                        Consumer<String> reason) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        boolean opened = false;
        try {
            BinarizedCorpus corpus = open(file, channel, fingerprint, anyFingerprint, reason);
            opened = corpus != null;
            return corpus;
        } finally {
            if (!opened) {
                channel.close();
            }
        }
    }

    private static BinarizedCorpus open(Path file, FileChannel channel, String fingerprint, boolean anyFingerprint,
                                        Consumer<String> reason) throws IOException {
        long size = channel.size();
        byte[] magic = read(channel, 0, (int) Math.min(size, MAGIC.length));
        if (Arrays.equals(magic, OLD_MAGIC)) {
            reason.accept(file + ": a prepared corpus of an older nmt4j; preparing again");
            return null;
        }
        if (!Arrays.equals(magic, MAGIC)) {
            reason.accept(file + ": not a prepared corpus; preparing again");
            return null;
        }
        if (size < MAGIC.length + TRAILER) {
            reason.accept(file + ": truncated; preparing again");
            return null;
        }
        ByteBuffer trailer = ByteBuffer.wrap(read(channel, size - TRAILER, TRAILER));
        long footerStart = trailer.getLong();
        long crc = trailer.getLong();
        byte[] endMagic = new byte[MAGIC.length];
        trailer.get(endMagic);
        if (!Arrays.equals(endMagic, MAGIC) || footerStart < MAGIC.length || footerStart > size - TRAILER) {
            reason.accept(file + ": truncated; preparing again");
            return null;
        }
        Footer footer;
        try {
            footer = Footer.read(read(channel, footerStart, (int) Math.min(Integer.MAX_VALUE,
                    size - TRAILER - footerStart)));
        } catch (IOException | RuntimeException e) {
            reason.accept(file + ": damaged (its footer cannot be read); preparing again");
            return null;
        }
        if (!anyFingerprint && (fingerprint == null || !footer.fingerprint.equals(fingerprint))) {
            reason.accept(file + ": the training files or the preprocessing changed since it was prepared; "
                    + "preparing again");
            return null;
        }
        long lengthsStart = MAGIC.length + 4 * footer.ids;
        if (lengthsStart + 8L * footer.pairs != footerStart) {
            reason.accept(file + ": damaged (its sections do not add up); preparing again");
            return null;
        }
        if (checksum(channel, size - TRAILER) != crc) {
            reason.accept(file + ": checksum mismatch (the file was damaged); preparing again");
            return null;
        }
        char[] sourceLengths = new char[footer.pairs];
        char[] targetLengths = new char[footer.pairs];
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        long position = lengthsStart;
        long total = 0;
        for (int i = 0; i < footer.pairs; ) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), 8L * (footer.pairs - i)));
            readFully(channel, buffer, position);
            position += buffer.limit();
            buffer.flip();
            while (buffer.hasRemaining()) {
                int s = buffer.getInt();
                int t = buffer.getInt();
                if (s < 0 || t < 0 || s > MAX_LENGTH || t > MAX_LENGTH) {
                    reason.accept(file + ": damaged (pair " + (i + 1) + " has a length of " + s + "/" + t
                            + "); preparing again");
                    return null;
                }
                sourceLengths[i] = (char) s;
                targetLengths[i] = (char) t;
                total += s + t;
                i++;
            }
        }
        if (total != footer.ids) {
            reason.accept(file + ": damaged (its lengths do not add up); preparing again");
            return null;
        }
        return new BinarizedCorpus(file, channel, footer, sourceLengths, targetLengths);
    }

    // a CRC-32C of the file up to the footer's end, read in large blocks
    private static long checksum(FileChannel channel, long end) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        for (long position = 0; position < end; ) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
            readFully(channel, buffer, position);
            position += buffer.limit();
            buffer.flip();
            crc.update(buffer);
        }
        return crc.getValue();
    }

    private static byte[] read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        readFully(channel, buffer, position);
        return buffer.array();
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new java.io.EOFException("end of file at " + at);
            }
            at += n;
        }
    }

    /** The preparation's summary line. */
    public String summary() {
        return summary;
    }

    /** The file it reads. */
    public Path file() {
        return file;
    }

    @Override
    public int size() {
        return sourceLengths.length;
    }

    @Override
    public int sourceLength(int pair) {
        return sourceLengths[pair];
    }

    @Override
    public int targetLength(int pair) {
        return targetLengths[pair];
    }

    /** The longest source among the pairs, in pieces. */
    public int longestSource() {
        return longestSource;
    }

    /** The longest target among the pairs, in pieces. */
    public int longestTarget() {
        return longestTarget;
    }

    /** All ids of all pairs, both sides. */
    public long ids() {
        return ids;
    }

    @Override
    public int[] source(int pair) {
        return ids(position(pair), sourceLengths[pair]);
    }

    @Override
    public int[] target(int pair) {
        return ids(position(pair) + 4L * sourceLengths[pair], targetLengths[pair]);
    }

    @Override
    public List<Part> parts() {
        return parts;
    }

    private long position(int pair) {
        long position = blockOffsets[pair / BLOCK];
        for (int i = pair - pair % BLOCK; i < pair; i++) {
            position += 4L * (sourceLengths[i] + targetLengths[i]);
        }
        return position;
    }

    private int[] ids(long position, int length) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * length);
        try {
            readFully(channel, buffer, position);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read", e);
        }
        buffer.flip();
        int[] out = new int[length];
        buffer.asIntBuffer().get(out);
        return out;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private record Footer(String fingerprint, String summary, List<Part> parts, int pairs, long ids,
                          int longestSource, int longestTarget) {

        byte[] bytes() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeUTF(fingerprint);
            out.writeUTF(summary);
            out.writeInt(parts.size());
            for (Part part : parts) {
                out.writeUTF(part.name());
                out.writeInt(part.start());
                out.writeInt(part.count());
            }
            out.writeInt(pairs);
            out.writeLong(ids);
            out.writeInt(longestSource);
            out.writeInt(longestTarget);
            out.flush();
            return bytes.toByteArray();
        }

        static Footer read(byte[] bytes) throws IOException {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            String fingerprint = in.readUTF();
            String summary = in.readUTF();
            int count = in.readInt();
            if (count < 0 || count > 1 << 20) {
                throw new IOException("part count " + count);
            }
            List<Part> parts = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                parts.add(new Part(in.readUTF(), in.readInt(), in.readInt()));
            }
            int pairs = in.readInt();
            long ids = in.readLong();
            int longestSource = in.readInt();
            int longestTarget = in.readInt();
            if (pairs < 0 || ids < 0) {
                throw new IOException("negative count");
            }
            return new Footer(fingerprint, summary, List.copyOf(parts), pairs, ids, longestSource, longestTarget);
        }
    }

    /**
     * A corpus being written: the ids go to the file's temporary twin, the lengths to a second temporary file that
     * {@link #commit} appends before the footer; closing without a commit leaves no file behind.
     */
    public static final class Writer implements Closeable {

        private final AtomicFile.Pending pending;
        private final AtomicFile.Pending lengthsFile;
        private final CRC32C crc = new CRC32C();
        private final DataOutputStream ids;
        private final DataOutputStream lengths;
        private ByteBuffer pairBytes = ByteBuffer.allocate(1024);
        private int pairs;
        private long idCount;
        private int longestSource;
        private int longestTarget;

        private Writer(Path file) throws IOException {
            pending = AtomicFile.open(file);
            lengthsFile = AtomicFile.open(file.resolveSibling(file.getFileName() + ".lengths"));
            ids = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(pending.stream(), crc),
                    1 << 16));
            lengths = new DataOutputStream(lengthsFile.stream());
            ids.write(MAGIC);
        }

        /** Adds the next pair; a side over {@link #MAX_LENGTH} pieces is refused. */
        public void add(int[] source, int[] target) throws IOException {
            if (source.length > MAX_LENGTH || target.length > MAX_LENGTH) {
                throw new IllegalArgumentException("a pair over " + MAX_LENGTH + " pieces");
            }
            if (pairs == Integer.MAX_VALUE) {
                throw new IllegalStateException("more than " + Integer.MAX_VALUE + " pairs");
            }
            int bytes = 4 * (source.length + target.length);
            if (pairBytes.capacity() < bytes) {
                pairBytes = ByteBuffer.allocate(Math.max(bytes, 2 * pairBytes.capacity()));
            }
            pairBytes.clear();
            pairBytes.asIntBuffer().put(source).put(target);
            ids.write(pairBytes.array(), 0, bytes);
            lengths.writeInt(source.length);
            lengths.writeInt(target.length);
            pairs++;
            idCount += source.length + target.length;
            longestSource = Math.max(longestSource, source.length);
            longestTarget = Math.max(longestTarget, target.length);
        }

        /** The pairs added so far. */
        public int pairs() {
            return pairs;
        }

        /** Finishes the file with its fingerprint (null: never reused), summary and parts, and puts it in place. */
        public void commit(String fingerprint, String summary, List<Part> parts) throws IOException {
            lengths.flush();
            lengthsFile.stream().flush();
            Path lengthsPath = lengthsFile.temporary();
            try (InputStream in = Files.newInputStream(lengthsPath)) {
                in.transferTo(ids);
            }
            long footerStart = MAGIC.length + 4 * idCount + 8L * pairs;
            ids.write(new Footer(fingerprint == null ? "" : fingerprint, summary, parts, pairs, idCount,
                    longestSource, longestTarget).bytes());
            ids.flush();
            OutputStream raw = pending.stream();
            DataOutputStream trailer = new DataOutputStream(raw);
            trailer.writeLong(footerStart);
            trailer.writeLong(crc.getValue());
            trailer.write(MAGIC);
            trailer.flush();
            pending.commit();
        }

        @Override
        public void close() throws IOException {
            try {
                lengthsFile.close();
            } finally {
                pending.close();
            }
        }
    }
}
