package org.fieldsafe.export;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.poi.poifs.crypt.temp.SXSSFWorkbookWithCustomZipEntrySource;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;

/**
 * Writes the wide table as an XLSX workbook with Apache POI's streaming {@code SXSSFWorkbook} (constant memory: at
 * most {@value #WINDOW} rows in memory; the rest goes to POI's temporary files, which this variant encrypts with a key
 * that exists only in memory, like the export's own spool). Every cell is a text cell, so nothing a respondent wrote
 * is ever run as a formula; a text longer than Excel's cell limit is cut, marked with an ellipsis.
 */
final class XlsxSink {
    static final int WINDOW = 100;
    static final int MAX_CELL = 32_767;

    private final HashedFile file;
    private final SXSSFWorkbookWithCustomZipEntrySource workbook;
    private final SXSSFSheet sheet;
    private int rows;

    XlsxSink(HashedFile file) {
        this.file = file;
        this.workbook = new SXSSFWorkbookWithCustomZipEntrySource();
        this.workbook.setCompressTempFiles(true);
        this.sheet = workbook.createSheet("export");
    }

    /** One row's cells as {@link #write} reads them. */
    static byte[] encode(String[] cells) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(cells.length);
            for (String c : cells) {
                byte[] b = (c == null ? "" : c).getBytes(StandardCharsets.UTF_8);
                out.writeInt(b.length);
                out.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Appends one row, given as {@link #encode}d cells. */
    void write(byte[] encoded) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
        int n = in.readInt();
        Row row = sheet.createRow(rows++);
        for (int i = 0; i < n; i++) {
            String text = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
            if (text.length() > MAX_CELL) {
                text = text.substring(0, MAX_CELL - 1) + "…";
            }
            row.createCell(i).setCellValue(text);
        }
    }

    /** Writes the workbook to the file; its hash and size. */
    ExportManifest.FileEntry finish() throws IOException {
        try (OutputStream keepOpen = new KeepOpenStream(file.stream())) {
            workbook.write(keepOpen);
        } finally {
            workbook.close();
        }
        return file.finish();
    }
}
