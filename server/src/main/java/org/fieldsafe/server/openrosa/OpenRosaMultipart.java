package org.fieldsafe.server.openrosa;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fieldsafe.server.problems.ProblemException;

/**
 * The body of an OpenRosa submission POST ({@code multipart/form-data}, parsed with Jakarta Mail's MIME parser):
 * the {@code xml_submission_file} part, every other file part by its file name, and whether Collect marked the
 * POST {@code *isIncomplete*} (more POSTs of the same submission follow).
 */
public record OpenRosaMultipart(byte[] xmlSubmissionFile, Map<String, byte[]> files, boolean incomplete) {
    public static final String XML_PART = "xml_submission_file";
    public static final String INCOMPLETE_PART = "*isIncomplete*";

    /** 400 {@code openrosa-multipart-invalid} for a body that is not such a multipart. */
    public static OpenRosaMultipart parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            throw invalid("the body must be multipart/form-data");
        }
        try {
            MimeMultipart multipart = new MimeMultipart(new ByteArrayDataSource(body, contentType));
            byte[] xml = null;
            boolean incomplete = false;
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                String[] disposition = part.getHeader("Content-Disposition");
                if (disposition == null || disposition.length != 1) {
                    throw invalid("every part needs one Content-Disposition");
                }
                ContentDisposition cd = new ContentDisposition(disposition[0]);
                String name = cd.getParameter("name");
                byte[] content = part.getInputStream().readAllBytes();
                if (XML_PART.equals(name)) {
                    if (xml != null) {
                        throw invalid("xml_submission_file is posted twice");
                    }
                    xml = content;
                } else if (INCOMPLETE_PART.equals(name)) {
                    incomplete = true;
                } else {
                    String file = cd.getParameter("filename") != null ? cd.getParameter("filename") : name;
                    if (file == null || files.put(file, content) != null) {
                        throw invalid("a file part has no name or is posted twice");
                    }
                }
            }
            if (xml == null) {
                throw invalid("the xml_submission_file part is missing");
            }
            return new OpenRosaMultipart(xml, files, incomplete);
        } catch (ParseException e) {
            throw invalid("a part's Content-Disposition is not valid");
        } catch (MessagingException | IOException e) {
            throw invalid("the body is not a readable multipart");
        }
    }

    private static ProblemException invalid(String why) {
        return ProblemException.invalid("openrosa-multipart-invalid", "Submission body not valid", why + ".");
    }
}
