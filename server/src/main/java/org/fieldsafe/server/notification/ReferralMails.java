package org.fieldsafe.server.notification;

import java.util.List;
import org.fieldsafe.server.referral.ReferralNotificationDao;

/**
 * The text of referral notifications. By design a mail says only which site has a case, how urgent it is and where
 * to open it: never the category, the respondent's answers, names, codes or contact details - mail leaves the
 * server in the clear, may be read on a shared phone, and is kept by servers Fieldsafe does not control.
 */
public final class ReferralMails {
    private final String caseBaseUrl;

    /** @param publicBaseUrl the server's address as people reach it, e.g. {@code https://fieldsafe.example.org} */
    public ReferralMails(String publicBaseUrl) {
        String base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
        this.caseBaseUrl = base + "/api/v1/referrals/";
    }

    /** The mail for a notification of {@code kind} about case {@code caseId} at {@code site}. */
    public Mailer.Mail mail(String kind, String caseId, String site, String urgency, List<String> to) {
        String link = caseBaseUrl + caseId;
        if (ReferralNotificationDao.NEW.equals(kind)) {
            return new Mailer.Mail(to, "Fieldsafe: a new " + urgency + " case at site " + site,
                    "A new " + urgency + " referral case at site " + site + " is waiting for acknowledgement.\n\n"
                            + "Open the case: " + link + "\n"
                            + "(or: ./fieldsafe admin referrals show --case " + caseId + ")\n\n"
                            + "This mail carries no details on purpose; read them in Fieldsafe.\n");
        }
        return new Mailer.Mail(to, "Fieldsafe: a case at site " + site + " is overdue",
                "A " + urgency + " referral case at site " + site + " has not been acknowledged by its deadline "
                        + "and has been escalated to the study lead.\n\n"
                        + "Open the case: " + link + "\n"
                        + "(or: ./fieldsafe admin referrals show --case " + caseId + ")\n\n"
                        + "This mail carries no details on purpose; read them in Fieldsafe.\n");
    }
}
