package io.vigie.rules.quarantine;

/** Amavis lines as the campaign tests write them, for the tests of other packages that ship them in a mail.log. */
public final class QuarantineCampaignsTestLines {

    private QuarantineCampaignsTestLines() {}

    /** The i-th of a campaign of infected attachments sharing one subject, to user{i}@chu-exemple.fr. */
    public static String amavisBlock(final int i) {
        return QuarantineCampaignsTest.amavisLine(
                i,
                "facture@factures-" + i + ".example",
                "user" + i + "@chu-exemple.fr",
                "Relance impayé n°" + (7000 + i),
                "INFECTED (Eicar-Signature)");
    }
}
