package com.smeloanflow.scoring;

/**
 * A finding the bank must not overlook, whatever the points. A hard flag ({@code hard = true})
 * makes the application ineligible: the approval-authority table rejects it. A soft flag sends the
 * application to a person at the processing centre, who may override it with a reason.
 *
 * @param code e.g. {@code DISHONEST_DEBTOR}, see {@link RedFlagCode}
 * @param explanation in Chinese, for staff
 */
public record RedFlag(String code, boolean hard, String explanation) {}
