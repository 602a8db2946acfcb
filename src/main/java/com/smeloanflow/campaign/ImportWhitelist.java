package com.smeloanflow.campaign;

/**
 * Import a whitelist file as a campaign.
 *
 * @param name       the campaign's name (e.g. 2026年12月 汇川区税务白名单)
 * @param csv        the file as text (CSV with a header line, see {@link WhitelistFile})
 * @param field      the request field the file came in, for a refusal of the whole file ({@code whitelist}, {@code whitelistCsv})
 * @param importedBy the user
 * @param dryRun     check and report only: nothing is stored, no prospect is assigned
 */
public record ImportWhitelist(String name, String csv, String field, String importedBy, boolean dryRun) {}
