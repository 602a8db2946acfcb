package com.smeloanflow.creditline;

import com.smeloanflow.intake.Product;
import java.math.BigDecimal;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The terms a bank sets per line product ({@code smeloan.credit-line.products.<PRODUCT>}), checked when the
 * application starts: a bad setting stops it, naming the setting. A line takes its product's terms when it opens
 * ({@link CreditLineService#open}) and keeps them, as it keeps the approved rate: the borrower signed them.
 *
 * @param products the terms of each line product; a product not listed, or a term not set, takes the default
 */
@ConfigurationProperties("smeloan.credit-line")
public record LineProductTerms(Map<Product, Terms> products) {

  /**
   * The smallest drawdown where the product sets none: each drawdown opens a loan account with its own schedule, core
   * banking posting, payout notice and post-loan monitoring, which a few yuan would not carry.
   */
  public static final BigDecimal DEFAULT_MINIMUM_DRAWDOWN = new BigDecimal("1000.00");

  /**
   * One line product's terms.
   *
   * @param minimumDrawdown the smallest amount of one drawdown, CNY: above 0, at most 2 decimals, not above the smallest
   *                        limit a line of the product opens with (the product's minimum amount); null: the default
   */
  public record Terms(BigDecimal minimumDrawdown) {}

  public LineProductTerms {
    products = products == null ? Map.of() : Map.copyOf(products);
    products.forEach(LineProductTerms::check);
  }

  private static void check(Product product, Terms terms) {
    String setting = "smeloan.credit-line.products." + product.name() + ".minimum-drawdown";
    if (product != Product.REVOLVING_LINE) {
      throw new IllegalArgumentException("smeloan.credit-line.products." + product.name() + ": " + product.name()
          + " is not a line product (only " + Product.REVOLVING_LINE.name() + " opens a line)");
    }
    BigDecimal minimum = terms == null ? null : terms.minimumDrawdown();
    if (minimum == null) {
      return;
    }
    if (minimum.signum() <= 0) {
      throw new IllegalArgumentException(setting + " must be above 0, was " + minimum.toPlainString());
    }
    if (minimum.stripTrailingZeros().scale() > 2) {
      throw new IllegalArgumentException(setting + " has at most 2 decimals (yuan and fen), was " + minimum.toPlainString());
    }
    if (minimum.compareTo(product.minAmount()) > 0) {
      throw new IllegalArgumentException(setting + " must not be above the smallest limit of a " + product.name() + " line ("
          + product.minAmount().toPlainString() + "), was " + minimum.toPlainString());
    }
  }

  /** The smallest drawdown on a line of {@code product}: its setting, or {@link #DEFAULT_MINIMUM_DRAWDOWN}; 2 decimals. */
  public BigDecimal minimumDrawdown(Product product) {
    Terms terms = products.get(product);
    BigDecimal minimum = terms == null || terms.minimumDrawdown() == null ? DEFAULT_MINIMUM_DRAWDOWN : terms.minimumDrawdown();
    return minimum.setScale(2);
  }
}
