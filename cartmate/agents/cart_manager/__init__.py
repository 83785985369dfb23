"""The cart manager agent: the shopper's Online Boutique cart."""
