//! Helpers shared by unit tests.

use crate::campaign::{Campaign, CampaignInputs, CampaignOptions, read_campaign};

/// A campaign with three creators (`big` mega, `mid` mid-tier, `koc` KOC), the given touch rows
/// (`journey_id,kol_id,timestamp,touch_type`) and order rows
/// (`order_id,journey_id,timestamp,value[,refunded_amount]`).
pub(crate) fn campaign(touchpoints: &str, orders: &str) -> Campaign {
    let inputs = CampaignInputs {
        creators: "kol_id,tier\nbig,mega\nmid,mid-tier\nkoc,KOC\n".into(),
        touchpoints: format!("journey_id,kol_id,timestamp,touch_type\n{touchpoints}"),
        orders: format!("order_id,journey_id,timestamp,value,refunded_amount\n{orders}"),
        ..CampaignInputs::default()
    };
    read_campaign(&inputs, &CampaignOptions::default()).unwrap()
}
