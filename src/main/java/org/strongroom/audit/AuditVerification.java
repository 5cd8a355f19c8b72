package org.strongroom.audit;

/**
 * The outcome of checking the audit chain.
 *
 * @param entries     how many database entries were checked
 * @param brokenEntry the id of the first entry that fails, or null when the chain is intact
 * @param problem     what is wrong with it, or null
 * @param headHash    the hash of the last entry checked (record it elsewhere to anchor the chain)
 */
public record AuditVerification(long entries, Long brokenEntry, String problem, String headHash) {

  public boolean intact() {
    return brokenEntry == null;
  }
}
