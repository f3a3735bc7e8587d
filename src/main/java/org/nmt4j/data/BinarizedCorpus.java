package org.nmt4j.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

import org.nmt4j.AtomicFile;

/**
 * A prepared training corpus kept in the model folder ({@code corpus.bin}): every kept pair as ids, so that a resumed
 * or restarted run, or {@code nmt4j train} after {@code nmt4j prepare}, skips reading, tokenizing and BPE. A
 * fingerprint decides whether it still holds: the training files (path, size, modification time), the
 * preprocessing settings and the vocabularies and codes the ids refer to; a changed file means preparing again.
 *
 * <p>Format (big-endian): magic {@code NMT4JCB1}, the fingerprint and the preparation's summary line (UTF),
 * the pair count (long), then per pair its line (long), source and target length (int) and ids (int); a CRC-32 of
 * all that last. Written atomically.
 */
public final class BinarizedCorpus {

    /** The file in the model folder. */
    public static final String FILE = "corpus.bin";

    private static final int MAX_LENGTH = 1 << 24; // pieces of one side of a pair: anything longer is damage

    private static final byte[] MAGIC = "NMT4JCB1".getBytes(StandardCharsets.US_ASCII);

    private BinarizedCorpus() {
    }

    /** The pairs read back, and the summary line of the preparation that made them. */
    public record Loaded(List<EncodedPair> pairs, String summary) {
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

    /** Writes the pairs with their fingerprint and summary, atomically. */
    public static void write(Path file, String fingerprint, String summary, List<EncodedPair> pairs)
            throws IOException {
        AtomicFile.write(file, stream -> {
            CRC32 crc = new CRC32();
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(stream,
                    1 << 16), crc));
            out.write(MAGIC);
            out.writeUTF(fingerprint);
            out.writeUTF(summary);
            out.writeLong(pairs.size());
            for (EncodedPair pair : pairs) {
                out.writeLong(pair.line());
                out.writeInt(pair.source().length);
                out.writeInt(pair.target().length);
                for (int id : pair.source()) {
                    out.writeInt(id);
                }
                for (int id : pair.target()) {
                    out.writeInt(id);
                }
            }
            out.flush();
            new DataOutputStream(stream).writeLong(crc.getValue());
            stream.flush();
        });
    }

    /**
     * The pairs, when the file exists, is whole and carries this fingerprint; otherwise null, and why goes to
     * {@code reason} (nothing when there is no file).
     */
    public static Loaded read(Path file, String fingerprint, java.util.function.Consumer<String> reason)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        CRC32 crc = new CRC32();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                reason.accept(file + ": not a prepared corpus; preparing again");
                return null;
            }
            if (!in.readUTF().equals(fingerprint)) {
                reason.accept(file + ": the training files or the preprocessing changed since it was prepared; "
                        + "preparing again");
                return null;
            }
            String summary = in.readUTF();
            long count = in.readLong();
            List<EncodedPair> pairs = new ArrayList<>((int) Math.min(count, Integer.MAX_VALUE - 8));
            for (long i = 0; i < count; i++) {
                long line = in.readLong();
                int sourceLength = in.readInt();
                int targetLength = in.readInt();
                if (sourceLength < 0 || targetLength < 0 || sourceLength > MAX_LENGTH || targetLength > MAX_LENGTH) {
                    reason.accept(file + ": damaged (pair " + (i + 1) + " has a length of " + sourceLength + "/"
                            + targetLength + "); preparing again");
                    return null;
                }
                int[] source = new int[sourceLength];
                int[] target = new int[targetLength];
                for (int k = 0; k < source.length; k++) {
                    source[k] = in.readInt();
                }
                for (int k = 0; k < target.length; k++) {
                    target[k] = in.readInt();
                }
                pairs.add(new EncodedPair(line, source, target));
            }
            long expected = crc.getValue();
            if (new DataInputStream(raw).readLong() != expected) {
                reason.accept(file + ": checksum mismatch (the file was damaged); preparing again");
                return null;
            }
            return new Loaded(pairs, summary);
        } catch (EOFException e) {
            reason.accept(file + ": truncated; preparing again");
            return null;
        }
    }
}
