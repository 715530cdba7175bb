package io.vigie.rules.config;

/** The kinds of file a download scorer cares about: what runs, or what carries something that runs. */
public enum FileKind {
    /** Runs when double-clicked: PE files, installers, shortcuts, Java and Android packages. */
    EXECUTABLE("executable"),
    /** Runs through a Windows script host or shell: never page content, unlike {@link #WEB_SCRIPT}. */
    SCRIPT("script"),
    /** JavaScript: also what every web page loads, so on its own it says little. */
    WEB_SCRIPT("JavaScript"),
    /** Mounted by a double-click, bypassing Mark-of-the-Web: a favourite carrier since macros were blocked. */
    DISK_IMAGE("disk image"),
    /** Office documents that may carry VBA macros. */
    MACRO_OFFICE("macro-enabled Office document"),
    /** Containers: most are harmless, some carry the above past a mail or web filter. */
    ARCHIVE("archive");

    private final String label;

    FileKind(final String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
