//! Money per sales channel: where the platform's click rule pays (only on the orders the platform
//! tracks), the platform fee of each channel, and commission, credited value and return per channel.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};

use super::MoneyOptions;
use super::amount::{fen, half_up};
use crate::attribution::allocation::largest_remainder;
use crate::attribution::models::Model;
use crate::campaign::{Orders, SalesChannel};
use crate::catalogue::settings::{PLATFORM_CHANNELS, PLATFORM_FEE_CHANNEL_RATES};
use crate::error::Error;

/// One sales channel's money under the commission basis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ChannelMoney {
    /// The sales channel (`xhs_shop`, `tmall`, `jd`, `d2c`, `other`).
    pub channel: String,
    /// Its orders.
    pub orders: usize,
    /// Their value before refunds.
    #[cfg_attr(test, ts(type = "string"))]
    pub value: Decimal,
    /// Their value after refunds.
    #[cfg_attr(test, ts(type = "string"))]
    pub net_value: Decimal,
    /// The value after refunds the basis credits to creators here; the channels sum to the
    /// creators' `attributedNetValue` exactly.
    #[cfg_attr(test, ts(type = "string"))]
    pub credited_net_value: Decimal,
    /// Commission on its orders (the ledger's lines, net of cancellations and clawbacks).
    #[cfg_attr(test, ts(type = "string"))]
    pub commission: Decimal,
    /// The platform's fee on its orders; the channels sum to the total platform fee exactly.
    #[cfg_attr(test, ts(type = "string"))]
    pub platform_fee: Decimal,
    /// `creditedNetValue ÷ (commission + platformFee)`; `null` when both are zero.
    pub return_on_spend: Option<f64>,
}

/// Which channels the platform's rule pays on, and each channel's fee rate when set, checked.
pub(crate) struct ChannelRules {
    tracked: [bool; 5],
    fee: [Option<Decimal>; 5],
}

impl ChannelRules {
    /// Reads the options' channel names (in English or Chinese, as the orders' column takes them).
    ///
    /// # Errors
    /// [`Error::InvalidOption`] naming a channel no spelling knows.
    pub(crate) fn new(options: &MoneyOptions) -> Result<Self, Error> {
        let parse = |path: &str, text: &str| {
            SalesChannel::parse(text).ok_or_else(|| {
                let names: Vec<&str> = SalesChannel::ALL.iter().map(|c| c.name()).collect();
                Error::invalid_option(
                    path,
                    text,
                    format!("no such sales channel; the channels are {}", names.join(", ")),
                )
            })
        };
        let mut tracked = [options.platform_channels.is_empty(); 5];
        for (i, text) in options.platform_channels.iter().enumerate() {
            tracked[parse(&format!("{}[{i}]", PLATFORM_CHANNELS.path), text)? as usize] = true;
        }
        let mut fee = [None; 5];
        for (text, rate) in &options.platform_fee_channel_rates {
            let path = format!("{}.{text}", PLATFORM_FEE_CHANNEL_RATES.path);
            fee[parse(&path, text)? as usize] = Some(rate.0);
        }
        Ok(Self { tracked, fee })
    }

    /// Whether `basis` pays commission on an order of `channel`: the platform's click rule only
    /// where the platform tracks the order; any other basis (a fair scheme) everywhere.
    pub(crate) fn pays(&self, basis: Model, channel: SalesChannel) -> bool {
        basis != Model::PlatformLastClick || self.tracked[channel as usize]
    }

    /// The platform fee rate of order `i`: its channel's when set, else its category's, else the default.
    pub(crate) fn fee_rate(&self, options: &MoneyOptions, orders: &Orders, i: usize) -> Decimal {
        let by_category = || orders.category[i].as_ref().and_then(|c| options.platform_fee_rates.get(c)).map(|r| r.0);
        self.fee[orders.channel[i] as usize].or_else(by_category).unwrap_or(options.platform_fee_rate.0)
    }
}

/// Sums per channel as the ledger walks the orders.
#[derive(Default)]
pub(crate) struct ChannelSums {
    credited: [Decimal; 5],
    commission: [Decimal; 5],
}

impl ChannelSums {
    /// Net value credited to a creator on an order of `channel`, in full precision.
    pub(crate) fn credit(&mut self, channel: SalesChannel, net: Decimal) {
        self.credited[channel as usize] += net;
    }

    /// A ledger line's amount on an order of `channel`.
    pub(crate) fn commission(&mut self, channel: SalesChannel, amount: Decimal) {
        self.commission[channel as usize] += amount;
    }

    /// Every channel the orders land on, in [`SalesChannel`] order: the credited value rounded so
    /// that the channels sum to `credited_total` and the fee so that they sum to `fee_total`.
    pub(crate) fn finish(
        self,
        options: &MoneyOptions,
        rules: &ChannelRules,
        orders: &Orders,
        (credited_total, fee_total): (Decimal, Decimal),
    ) -> Vec<ChannelMoney> {
        let (mut count, mut value, mut net, mut fee) =
            ([0; 5], [Decimal::ZERO; 5], [Decimal::ZERO; 5], [Decimal::ZERO; 5]);
        for i in 0..orders.len() {
            let c = orders.channel[i] as usize;
            count[c] += 1;
            value[c] += orders.gross[i];
            net[c] += orders.net(i);
            fee[c] += rules.fee_rate(options, orders, i) * orders.gross[i];
        }
        let present: Vec<usize> = (0..5).filter(|&c| count[c] > 0).collect();
        let pick = |sums: &[Decimal; 5]| present.iter().map(|&c| sums[c]).collect::<Vec<_>>();
        let credited = largest_remainder(credited_total, &pick(&self.credited), 2);
        let fees = largest_remainder(fee_total, &pick(&fee), 2);
        present
            .iter()
            .zip(credited.into_iter().zip(fees))
            .map(|(&c, (credited, platform_fee))| {
                let commission = fen(self.commission[c]);
                let spend = commission + platform_fee;
                ChannelMoney {
                    channel: SalesChannel::ALL[c].name().to_owned(),
                    orders: count[c],
                    value: value[c],
                    net_value: net[c],
                    credited_net_value: fen(credited),
                    commission,
                    platform_fee: fen(platform_fee),
                    return_on_spend: (!spend.is_zero())
                        .then(|| credited.checked_div(spend).and_then(|r| r.to_f64()))
                        .flatten(),
                }
            })
            .collect()
    }
}

/// The platform fee on every order, rounded half-up once on the total.
pub(crate) fn platform_fee(options: &MoneyOptions, rules: &ChannelRules, orders: &Orders) -> Decimal {
    half_up((0..orders.len()).map(|i| rules.fee_rate(options, orders, i) * orders.gross[i]).sum())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::campaign::CampaignInputs;
    use crate::money::{Rate, money_report};
    use crate::report::comparison::Baseline;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    /// Each user clicked one creator's link the day before buying: u1 the KOC's, on the XHS shop
    /// (300); u2 the KOC's, on Tmall (200); u3 big's, on the brand's site (100).
    fn inputs() -> CampaignInputs {
        CampaignInputs {
            creators: "kol_id,tier,commission_rate\nbig,mega,10%\nkoc,KOC,20%\n".into(),
            touchpoints: "journey_id,kol_id,timestamp,touch_type\nu1,koc,2025-04-09 10:00,click\n\
                          u2,koc,2025-04-09 10:00,click\nu3,big,2025-04-09 10:00,click\n"
                .into(),
            orders: "order_id,journey_id,timestamp,value,channel\no1,u1,2025-04-10 10:00,300,xhs_shop\n\
                     o2,u2,2025-04-10 10:00,200,tmall\no3,u3,2025-04-10 10:00,100,官网\n"
                .into(),
            ..CampaignInputs::default()
        }
    }

    fn options() -> MoneyOptions {
        MoneyOptions {
            platform_channels: vec!["xhs_shop".into()],
            platform_fee_channel_rates: BTreeMap::from([
                ("天猫".into(), Rate(d("0.02"))),
                ("d2c".into(), Rate(d("0"))),
            ]),
            ..MoneyOptions::default()
        }
    }

    fn row(
        channel: &str,
        credited: &str,
        commission: &str,
        fee: &str,
        ros: Option<f64>,
    ) -> (String, Decimal, Decimal, Decimal, Option<f64>) {
        (channel.into(), d(credited), d(commission), d(fee), ros)
    }

    #[test]
    fn the_platforms_rule_pays_only_where_it_tracks_and_each_channel_has_its_fee() {
        let report = money_report(&inputs(), &options()).unwrap();
        let got: Vec<_> = report
            .sales_channels
            .iter()
            .map(|c| (c.channel.clone(), c.credited_net_value, c.commission, c.platform_fee, c.return_on_spend))
            .collect();
        // By hand: only o1 (XHS shop) pays, 20% of 300; fees 5% of 300, 2% of 200 (Tmall), 0 on the site.
        assert_eq!(
            got,
            [
                row("xhs_shop", "300.00", "60.00", "15.00", Some(4.0)),
                row("tmall", "0.00", "0.00", "4.00", Some(0.0)),
                row("d2c", "0.00", "0.00", "0.00", None)
            ]
        );
        assert_eq!((report.totals.commission, report.totals.platform_fee), (d("60.00"), d("19.00")));
        assert_eq!(report.ledger.len(), 1);
        assert_eq!((report.sales_channels[1].orders, report.sales_channels[1].value), (1, d("200")));
    }

    #[test]
    fn a_fair_scheme_pays_on_every_channel() {
        let linear = MoneyOptions { basis: Baseline { model: Model::Linear, days: Some(30) }, ..options() };
        let report = money_report(&inputs(), &linear).unwrap();
        let got: Vec<_> = report.sales_channels.iter().map(|c| (c.credited_net_value, c.commission)).collect();
        assert_eq!(got, [(d("300.00"), d("60.00")), (d("200.00"), d("40.00")), (d("100.00"), d("10.00"))]);
        let credited: Decimal = report.creators.iter().map(|c| c.attributed_net_value).sum();
        assert_eq!(credited, d("600.00"));
    }

    #[test]
    fn an_unknown_channel_is_refused_by_its_option() {
        let bad = MoneyOptions { platform_channels: vec!["tmal".into()], ..MoneyOptions::default() };
        let Err(Error::InvalidOption { option, value, .. }) = money_report(&inputs(), &bad) else { panic!() };
        assert_eq!((option.as_str(), value.as_str()), ("platformChannels[0]", "tmal"));
        let mut rates = BTreeMap::new();
        rates.insert("amazon".to_owned(), Rate(d("0.1")));
        let bad = MoneyOptions { platform_fee_channel_rates: rates, ..MoneyOptions::default() };
        let Err(Error::InvalidOption { option, .. }) = money_report(&inputs(), &bad) else { panic!() };
        assert_eq!(option, "platformFeeChannelRates.amazon");
    }
}
