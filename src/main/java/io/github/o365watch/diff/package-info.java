/**
 * What changed between two versions: the {@link io.github.o365watch.diff.Differ} computes a
 * {@link io.github.o365watch.diff.ChangeSet} (per endpoint set, and across all sets as a
 * firewall sees it); {@link io.github.o365watch.diff.Reviewer} joins it with Microsoft's change
 * records (effective dates, cross-check) and flags what a security reviewer should look at.
 * Uses {@code domain} only.
 */
package io.github.o365watch.diff;
