package org.fieldsafe.server.cli.xlsform;

/**
 * One thing of an XLSForm that cannot become part of a Fieldsafe form: the sheet, the spreadsheet row (1-based, the
 * header is row 1; 0 when the problem is the sheet itself) and the column header (empty when the row or sheet).
 */
public record XlsFormProblem(String sheet, int row, String column, String message) {

    /** E.g. {@code survey row 14, column type: `geopoint` is not supported}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(sheet);
        if (row > 0) {
            s.append(" row ").append(row);
        }
        if (column != null && !column.isEmpty()) {
            s.append(row > 0 ? ", column " : " column ").append(column);
        }
        return s.append(": ").append(message).toString();
    }
}
