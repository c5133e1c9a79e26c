package org.fieldsafe.server.cli.xlsform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * A worksheet read as text: the header row (row 1) and each later row that has any value, cells as the spreadsheet
 * shows them ({@link DataFormatter}, so a choice name typed as {@code 1} reads {@code 1}, not {@code 1.0}).
 */
record SheetTable(String name, List<String> headers, List<Line> lines) {

    /** One row: its spreadsheet row number (1-based) and its non-empty cells by column header. */
    record Line(int row, Map<String, String> cells) {
        String get(String column) {
            return cells.getOrDefault(column, "");
        }
    }

    static SheetTable read(Sheet sheet) {
        DataFormatter format = new DataFormatter();
        List<String> headers = new ArrayList<>();
        Row header = sheet.getRow(sheet.getFirstRowNum());
        if (header != null) {
            for (int c = 0; c < header.getLastCellNum(); c++) {
                Cell cell = header.getCell(c);
                headers.add(cell == null ? "" : format.formatCellValue(cell).strip());
            }
        }
        List<Line> lines = new ArrayList<>();
        for (int r = sheet.getFirstRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row == null) {
                continue;
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (int c = 0; c < headers.size(); c++) {
                Cell cell = row.getCell(c);
                String value = cell == null ? "" : format.formatCellValue(cell);
                if (!value.isBlank() && !headers.get(c).isEmpty()) {
                    cells.put(headers.get(c), value);
                }
            }
            if (!cells.isEmpty()) {
                lines.add(new Line(r + 1, cells));
            }
        }
        return new SheetTable(sheet.getSheetName(), List.copyOf(headers), List.copyOf(lines));
    }
}
