/**
 * Imports a vendor's Markdown port reference page into a {@link dev.portprobe.profile.Profile}, saying with a line
 * number everything it had to assume. Tables are recognised by their headers ({@code HeaderNames},
 * {@code TableLayout}): Gloo's pods and Services tables ({@code RowReader}) and any other port table
 * ({@code PortTableReader}: protocol and reach columns, port lists and ranges, group rows, rows kept as comments).
 * Components come from a column, the text above a table ({@code ComponentNames}) or {@code --component}; protocols
 * from the table's protocol words ({@code ProtocolWords}) and the usage-text rules
 * ({@link dev.portprobe.reftable.ProtocolRules}).
 *
 * <p>Markdown is parsed by commonmark-java with its GFM tables extension; nothing here parses tables by hand (cells
 * are read from commonmark's nodes; {@code PortCells} only reads the text of a port cell).
 * May depend on: commonmark, Jackson (front matter), {@code profile} and {@link dev.portprobe.InputException}.
 */
package dev.portprobe.reftable;
