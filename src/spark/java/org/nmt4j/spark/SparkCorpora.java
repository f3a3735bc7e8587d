package org.nmt4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Consumer;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nmt4j.io.UserError;

import scala.Tuple2;

/**
 * Corpora on any Hadoop file system ({@code file:}, {@code hdfs:}, {@code s3a:}) as Datasets, and results written
 * back. Line-oriented inputs (text, TSV, CSV) keep their line order through the partitions, so a translation's
 * output lines follow its input lines; a Parquet input keeps its rows and columns (carry an id column to join on).
 */
public final class SparkCorpora {

    /** How a corpus is stored. */
    public enum Format {
        TEXT, TSV, CSV, PARQUET;

        /** A format by name ({@code text}, {@code tsv}, {@code csv}, {@code parquet}); null: from the path's end. */
        public static Format of(String name, String path) {
            if (name == null) {
                String lower = path.toLowerCase(Locale.ROOT).replaceAll("\\.(gz|bz2)$", "").replaceAll("/+$", "");
                return lower.endsWith(".parquet") ? PARQUET : lower.endsWith(".tsv") ? TSV
                        : lower.endsWith(".csv") ? CSV : TEXT;
            }
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserError("unknown format '" + name + "' (known: text, tsv, csv, parquet)");
            }
        }
    }

    private SparkCorpora() {
    }

    /**
     * A corpus as rows, in at least {@code partitions} partitions (0: Spark's default parallelism). Text: one
     * column named {@code column}, a row per line. TSV and CSV: a header line naming the columns, a row per line.
     */
    public static Dataset<Row> read(SparkSession spark, String path, Format format, String column, int partitions) {
        requireExists(spark, path);
        int wanted = wanted(spark, partitions);
        switch (format) {
            case PARQUET: {
                Dataset<Row> rows = spark.read().parquet(path);
                return rows.rdd().getNumPartitions() < wanted ? rows.repartition(wanted) : rows;
            }
            case TEXT: {
                JavaRDD<Row> rows = lines(spark, path, wanted).map(RowFactory::create);
                return spark.createDataFrame(rows, new StructType().add(column, DataTypes.StringType));
            }
            default: {
                Dataset<String> lines = spark.createDataset(lines(spark, path, wanted).rdd(), Encoders.STRING());
                return spark.read().option("header", "true").option("sep", format == Format.TSV ? "\t" : ",")
                        .option("quote", format == Format.TSV ? "\u0000" : "\"").csv(lines);
            }
        }
    }

    /**
     * The lines of a text file (or of a directory's files, by name), in order, in at least {@code partitions}
     * partitions (0: Spark's default parallelism), as an RDD: no Catalyst plan.
     */
    public static JavaRDD<String> readLines(SparkSession spark, String path, int partitions) {
        requireExists(spark, path);
        return lines(spark, path, wanted(spark, partitions));
    }

    /**
     * Two text files aligned by line as rows of the columns {@code sourceColumn} and {@code targetColumn}, in line
     * order; files of different lengths are a user error.
     */
    public static Dataset<Row> readPairs(SparkSession spark, String sourcePath, String targetPath, String sourceColumn,
                                         String targetColumn, int partitions) {
        requireExists(spark, sourcePath);
        requireExists(spark, targetPath);
        int wanted = wanted(spark, partitions);
        JavaRDD<String> sources = lines(spark, sourcePath, wanted);
        JavaRDD<String> targets = lines(spark, targetPath, wanted);
        long sourceLines = sources.count();
        long targetLines = targets.count();
        if (sourceLines != targetLines) {
            throw new UserError(sourcePath + " has " + sourceLines + " lines but " + targetPath + " has " + targetLines);
        }
        JavaPairRDD<Long, String> s = sources.zipWithIndex().mapToPair(Tuple2::swap);
        JavaPairRDD<Long, String> t = targets.zipWithIndex().mapToPair(Tuple2::swap);
        JavaRDD<Row> rows = s.join(t).sortByKey(true, wanted).map(p -> RowFactory.create(p._2()._1(), p._2()._2()));
        return spark.createDataFrame(rows, new StructType().add(sourceColumn, DataTypes.StringType)
                .add(targetColumn, DataTypes.StringType));
    }

    /**
     * The lines of a text file (or of a directory's files, by name), in order, in at least {@code partitions}
     * partitions: Hadoop's splits are in file order; an input with fewer splits (a gzip file has one) is
     * range-partitioned by line number, which keeps the order.
     */
    static JavaRDD<String> lines(SparkSession spark, String path, int partitions) {
        JavaRDD<String> lines = JavaSparkContext.fromSparkContext(spark.sparkContext()).textFile(path, partitions);
        if (lines.getNumPartitions() >= partitions) {
            return lines;
        }
        return lines.zipWithIndex().mapToPair(Tuple2::swap).sortByKey(true, partitions).values();
    }

    /**
     * Writes lines as text: a directory of part files in order (Spark's layout), or with {@code singleFile} one
     * file, the parts concatenated in order on the driver (through a directory beside it that is then removed).
     */
    public static void writeText(SparkSession spark, Dataset<String> lines, String path, boolean singleFile) {
        writeParts(spark, path, singleFile, directory -> lines.write().text(directory));
    }

    /**
     * {@link #writeText} for an RDD of lines: the same files without a Catalyst plan, which costs a local job
     * seconds of its start-up (text in, text out needs none).
     */
    public static void writeText(SparkSession spark, JavaRDD<String> lines, String path, boolean singleFile) {
        writeParts(spark, path, singleFile, lines::saveAsTextFile);
    }

    private static void writeParts(SparkSession spark, String path, boolean singleFile,
                                   Consumer<String> writeDirectory) {
        requireAbsent(spark, path);
        if (!singleFile) {
            writeDirectory.accept(path);
            return;
        }
        String parts = path + ".nmt4j-parts";
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        try {
            Path partsDir = new Path(parts);
            FileSystem fs = partsDir.getFileSystem(hadoop);
            fs.delete(partsDir, true);
            writeDirectory.accept(parts);
            FileStatus[] files = fs.listStatus(partsDir, p -> p.getName().startsWith("part-"));
            Arrays.sort(files, Comparator.comparing(f -> f.getPath().getName()));
            Path target = new Path(path);
            Path temporary = new Path(target.getParent(), "." + target.getName() + ".nmt4j-tmp");
            try (OutputStream out = fs.create(temporary, true)) {
                for (FileStatus file : files) {
                    try (InputStream in = fs.open(file.getPath())) {
                        in.transferTo(out);
                    }
                }
            }
            if (!fs.rename(temporary, target)) {
                throw new IOException("cannot rename " + temporary + " to " + target);
            }
            fs.delete(partsDir, true);
        } catch (IOException e) {
            throw new UserError(path + ": cannot write (" + e.getMessage() + ")");
        }
    }

    /** Writes rows as Parquet (a directory of part files). */
    public static void writeParquet(SparkSession spark, Dataset<Row> rows, String path) {
        requireAbsent(spark, path);
        rows.write().parquet(path);
    }

    // at least this many partitions; 0: Spark's default parallelism
    private static int wanted(SparkSession spark, int partitions) {
        return partitions > 0 ? partitions : spark.sparkContext().defaultParallelism();
    }

    private static void requireExists(SparkSession spark, String path) {
        if (!exists(spark, path)) {
            throw new UserError(path + ": no such file or directory");
        }
    }

    private static void requireAbsent(SparkSession spark, String path) {
        if (exists(spark, path)) {
            throw new UserError(path + ": already exists (nmt4j does not overwrite; choose another output)");
        }
    }

    private static boolean exists(SparkSession spark, String path) {
        try {
            Path p = new Path(path);
            return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p);
        } catch (IOException e) {
            throw new UserError(path + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
