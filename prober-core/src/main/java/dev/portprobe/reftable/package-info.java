/**
 * Imports a Markdown port reference table (a "Pods and ports" and a "Services and ports" table per section, as in
 * Solo's Gloo port reference) into a {@link dev.portprobe.profile.Profile}, saying with a line number everything it
 * had to assume: malformed rows, missing pod rows, unused ports, ignored Hugo shortcodes and every protocol it
 * inferred ({@link dev.portprobe.reftable.ProtocolRules} holds the inference rules).
 *
 * <p>Markdown is parsed by commonmark-java with its GFM tables extension; nothing here parses tables by hand.
 * May depend on: commonmark, Jackson (front matter), {@code profile} and {@link dev.portprobe.InputException}.
 */
package dev.portprobe.reftable;
