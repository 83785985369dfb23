"""The price comparison agent: other retailers' prices, deal analysis and price alerts."""
