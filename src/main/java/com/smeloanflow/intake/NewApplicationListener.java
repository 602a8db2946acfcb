package com.smeloanflow.intake;

/**
 * A later stage that follows enterprises before they apply (campaign's whitelist prospects) and learns of every
 * application intake registers, whichever channel it came through: the channel's API and the counter's start form
 * alike ({@link IntakeService#register}). Called in the registering transaction, once the application and its case
 * file are stored; nothing it does may refuse the application (defer what could fail until after the commit).
 */
public interface NewApplicationListener {

  void registered(LoanApplication application);
}
