"""The learning view: a network's insides changing live while it trains, and the time-lapse afterwards."""
