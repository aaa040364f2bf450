//! The columns of each campaign input, with the header names exports use in English and Chinese.
//!
//! Headers match a field when equal ignoring case, spaces, `_` and `-`; the user can also name
//! the header for any field explicitly, which wins over every alias.

use std::collections::BTreeMap;

use crate::error::{Error, Problem, ProblemCode, Problems};
use crate::read::table::{Header, normalize};

/// One column of an input.
pub(crate) struct Field {
    /// Canonical name, as the API and the README spell it.
    pub name: &'static str,
    /// Whether the input is unusable without it.
    pub required: bool,
    /// Header spellings, most specific first.
    pub aliases: &'static [&'static str],
}

/// The fields of one input file.
pub(crate) struct Schema {
    pub file: &'static str,
    pub fields: &'static [Field],
    /// The fields an unused column of amounts is suggested as, when no column gives them.
    pub money: &'static [&'static str],
}

const KOL_ID: &[&str] =
    &["kol_id", "creator_id", "kol", "creator", "达人id", "达人ID", "博主id", "达人编号", "小红书号", "红书号", "达人"];
const NOTE_ID: &[&str] = &["note_id", "note", "post_id", "post", "笔记id", "笔记编号", "笔记"];
const JOURNEY_ID: &[&str] =
    &["journey_id", "user_id", "user", "uid", "customer_id", "用户id", "用户", "旅程id", "买家id"];
// A creator's code in the roster and the code an order carries: one column under the same names.
const PROMO_CODE: &[&str] =
    &["promo_code", "coupon_code", "code", "coupon", "优惠码", "专属码", "推广码", "口令", "券码", "专属优惠码"];
const QR_ID: &[&str] = &["qr_id", "qr_code_id", "qr_code", "qr", "二维码id", "二维码编号", "二维码"];

pub(crate) const CREATORS: Schema = Schema {
    file: "creators",
    money: &["flat_fee"],
    fields: &[
        Field { name: "kol_id", required: true, aliases: KOL_ID },
        Field {
            name: "handle",
            required: false,
            aliases: &["handle", "nickname", "name", "昵称", "达人昵称", "博主昵称", "达人名称"],
        },
        Field {
            name: "tier", required: false, aliases: &["tier", "level", "层级", "达人层级", "级别", "量级"]
        },
        Field {
            name: "followers",
            required: false,
            aliases: &["followers", "follower_count", "fans", "粉丝数", "粉丝量", "粉丝"],
        },
        Field {
            name: "category",
            required: false,
            aliases: &["category", "vertical", "类目", "品类", "领域", "内容领域"],
        },
        Field {
            name: "flat_fee",
            required: false,
            aliases: &["flat_fee", "fee", "报价", "合作费用", "费用", "一口价"],
        },
        Field {
            name: "commission_rate",
            required: false,
            aliases: &["commission_rate", "commission", "佣金比例", "佣金率", "分佣比例", "佣金"],
        },
        Field {
            name: "note_fee",
            required: false,
            aliases: &["note_fee", "fee_per_note", "笔记报价", "单篇报价", "每篇费用"],
        },
        Field { name: "notes", required: false, aliases: &["notes", "note_count", "笔记数", "篇数"] },
        Field { name: "promo_code", required: false, aliases: PROMO_CODE },
        Field { name: "qr_id", required: false, aliases: QR_ID },
    ],
};

pub(crate) const TOUCHPOINTS: Schema = Schema {
    file: "touchpoints",
    money: &[],
    fields: &[
        Field { name: "journey_id", required: true, aliases: JOURNEY_ID },
        Field { name: "kol_id", required: true, aliases: KOL_ID },
        Field {
            name: "timestamp",
            required: true,
            aliases: &["timestamp", "time", "touch_time", "datetime", "date", "时间", "触达时间", "互动时间", "日期"],
        },
        Field {
            name: "touch_type",
            required: false,
            aliases: &["touch_type", "type", "event", "action", "interaction", "触点类型", "互动类型", "行为", "类型"],
        },
        Field {
            name: "source",
            required: false,
            aliases: &["source", "channel", "touch_source", "channel_type", "来源", "渠道类型", "触点来源", "渠道"],
        },
        Field { name: "note_id", required: false, aliases: NOTE_ID },
    ],
};

pub(crate) const ORDERS: Schema = Schema {
    file: "orders",
    // Order exports carry many amounts (unit price, shipping, discounts): an amount column says
    // nothing about which field it is, and a wrong hint (a refund!) would mislead.
    money: &[],
    fields: &[
        Field {
            name: "order_id", required: true, aliases: &["order_id", "order", "订单号", "订单id", "订单编号"]
        },
        Field { name: "journey_id", required: true, aliases: JOURNEY_ID },
        Field {
            name: "timestamp",
            required: true,
            aliases: &[
                "timestamp",
                "time",
                "order_time",
                "paid_at",
                "created_at",
                "datetime",
                "date",
                "下单时间",
                "支付时间",
                "时间",
                "日期",
            ],
        },
        Field {
            name: "value",
            required: true,
            aliases: &[
                "value",
                "amount",
                "order_value",
                "gmv",
                "revenue",
                "金额",
                "订单金额",
                "实付金额",
                "支付金额",
                "成交金额",
            ],
        },
        Field {
            name: "refunded_amount",
            required: false,
            aliases: &["refunded_amount", "refund_amount", "refund", "refunded", "退款金额", "退款"],
        },
        Field {
            name: "returned",
            required: false,
            aliases: &["returned", "is_returned", "return", "是否退货", "已退货", "退货"],
        },
        Field {
            name: "channel", required: false, aliases: &["channel", "platform", "store", "渠道", "平台", "店铺"]
        },
        Field { name: "promo_code", required: false, aliases: PROMO_CODE },
        Field {
            name: "confirmed_at",
            required: false,
            aliases: &["confirmed_at", "confirmed", "确认收货时间", "收货时间"],
        },
        Field {
            name: "refunded_at",
            required: false,
            aliases: &["refunded_at", "returned_at", "refund_time", "退款时间", "退货时间"],
        },
        Field {
            name: "category",
            required: false,
            aliases: &["category", "product_category", "类目", "品类", "商品类目"],
        },
        Field { name: "qr_id", required: false, aliases: QR_ID },
    ],
};

/// The optional notes file: one row per note a creator published.
pub(crate) const NOTES: Schema = Schema {
    file: "notes",
    money: &["fee"],
    fields: &[
        Field { name: "note_id", required: true, aliases: NOTE_ID },
        Field { name: "kol_id", required: true, aliases: KOL_ID },
        Field {
            name: "published_at",
            required: false,
            aliases: &[
                "published_at",
                "publish_time",
                "published",
                "post_time",
                "date",
                "发布时间",
                "发布日期",
                "日期",
            ],
        },
        Field {
            name: "format",
            required: false,
            aliases: &["format", "note_type", "media_type", "笔记类型", "形式", "体裁"],
        },
        Field {
            name: "fee",
            required: false,
            aliases: &["fee", "note_fee", "price", "cost", "报价", "笔记报价", "合作费用", "费用"],
        },
        Field {
            name: "boost_spend",
            required: false,
            aliases: &["boost_spend", "boost", "heat_spend", "加热", "加热费用", "薯条", "薯条费用", "投流"],
        },
        Field { name: "title", required: false, aliases: &["title", "topic", "标题", "笔记标题", "话题"] },
    ],
};

/// The optional spend file: what the brand paid each non-creator source, by day or in total.
pub(crate) const SPEND: Schema = Schema {
    file: "spend",
    money: &["spend"],
    fields: &[
        Field {
            name: "source",
            required: true,
            aliases: &["source", "channel", "来源", "渠道类型", "渠道", "投放渠道"],
        },
        Field { name: "date", required: false, aliases: &["date", "day", "日期", "时间"] },
        Field {
            name: "spend",
            required: true,
            aliases: &["spend", "cost", "amount", "消耗", "花费", "消费", "投放金额", "费用"],
        },
    ],
};

impl Schema {
    /// How well a row of normalized cells fits as this file's header: whether every required
    /// field is there, and how many fields are (`overrides`' names count for their fields).
    fn fit(&self, cells: &[String], overrides: &BTreeMap<String, String>) -> (bool, usize) {
        let cells: rustc_hash::FxHashSet<_> = cells.iter().map(|cell| normalize(cell)).collect();
        let has = |name: &str| cells.contains(&normalize(name));
        let found = |field: &&Field| match overrides.get(field.name) {
            Some(header) => has(header),
            None => field.aliases.iter().any(|alias| has(alias)),
        };
        let complete = self.fields.iter().filter(|f| f.required).all(|f| found(&f));
        (complete, self.fields.iter().filter(found).count())
    }

    /// Which of the first non-blank `rows` (each its line and cells, `None` when broken) is the
    /// header: the first row, unless a later one names more of the file's fields (a title or a
    /// merged group header above the real header names none or few); among those, the first
    /// with every required field, else the one naming the most. A data row that happens to hold
    /// an alias never outranks a header that names more.
    pub(crate) fn header_row(
        &self,
        rows: &[(usize, Option<Vec<String>>)],
        overrides: &BTreeMap<String, String>,
    ) -> usize {
        let fits: Vec<(bool, usize)> =
            rows.iter().map(|(_, cells)| cells.as_ref().map_or((false, 0), |c| self.fit(c, overrides))).collect();
        let Some(&(_, first)) = fits.first() else { return 0 };
        let better: Vec<usize> = (1..fits.len()).filter(|&k| fits[k].1 > first).collect();
        if let Some(&complete) = better.iter().find(|&&k| fits[k].0) {
            return complete;
        }
        let most = better.iter().map(|&k| fits[k].1).max().unwrap_or(0);
        better.into_iter().find(|&k| fits[k].1 == most).unwrap_or(0)
    }

    /// The field a column's name suggests, among the fields `read` says no column gives: the one
    /// whose name or alias the normalized name contains (the longest such), e.g. `flat_fee_cny`.
    pub(crate) fn suggest(&self, normalized: &str, read: impl Fn(usize) -> bool) -> Option<&Field> {
        let contained = |field: &Field| {
            std::iter::once(field.name)
                .chain(field.aliases.iter().copied())
                .map(normalize)
                .filter(|alias| alias.chars().count() >= 2 && normalized.contains(&**alias))
                .map(|alias| alias.len())
                .max()
        };
        (0..self.fields.len())
            .filter(|&i| !read(i))
            .filter_map(|i| Some((contained(&self.fields[i])?, i)))
            .max_by_key(|&(length, i)| (length, std::cmp::Reverse(i)))
            .map(|(_, i)| &self.fields[i])
    }
}

/// How the user maps a field of `file` to a header: the option's path and the CLI's spelling.
pub(crate) fn mapping_advice(file: &str, field: &str, header: &str) -> String {
    let flag = crate::catalogue::settings::COLUMNS.flag.unwrap_or("map");
    format!("map it with columns.{file}.{field} (CLI: --{flag} {file}.{field}={header})")
}

/// Where each field of a schema is in a header.
pub(crate) struct ColumnMap {
    positions: Vec<Option<usize>>,
}

impl ColumnMap {
    /// Maps `header` onto `schema`; `overrides` (field name → header name) win over aliases. A
    /// missing required column, an override naming no header, or two columns that could both be
    /// one field (`订单金额` and `实付金额`, say: which is the value?) is a problem: never a guess.
    ///
    /// # Errors
    /// [`Error::InvalidOption`] when `overrides` names a field the schema lacks.
    pub(crate) fn new(
        schema: &Schema,
        header: &Header,
        overrides: &BTreeMap<String, String>,
        problems: &mut Problems,
    ) -> Result<Self, Error> {
        if let Some(unknown) = overrides.keys().find(|k| !schema.fields.iter().any(|f| f.name == k.as_str())) {
            let known: Vec<_> = schema.fields.iter().map(|f| f.name).collect();
            return Err(Error::invalid_option(
                &format!("columns.{}.{unknown}", schema.file),
                unknown,
                format!("no such column; the columns are {}", known.join(", ")),
            ));
        }
        let mut claimed = vec![false; header.len()];
        let mut positions = vec![None; schema.fields.len()];
        // Mapped fields first: a column the user chose for one field is no candidate for another.
        for (index, field) in schema.fields.iter().enumerate() {
            let Some(name) = overrides.get(field.name) else { continue };
            let Some(column) = header.position(&normalize(name), &claimed) else {
                problems.push(header.missing(&format!("{name:?} (chosen for {})", field.name)));
                continue;
            };
            if let Some(twin) = header.twin(column, &claimed) {
                problems.push(Problem::at_cell(
                    schema.file,
                    header.line(),
                    twin + 1,
                    field.name,
                    header.name(twin),
                    ProblemCode::DuplicateColumn,
                    format!("two columns could be {}; map it explicitly or rename one", field.name),
                ));
            }
            claimed[column] = true;
            positions[index] = Some(column);
        }
        for (index, field) in schema.fields.iter().enumerate() {
            if overrides.contains_key(field.name) {
                continue;
            }
            let aliases: Vec<_> = field.aliases.iter().map(|alias| normalize(alias)).collect();
            let candidates: Vec<usize> = (0..header.len())
                .filter(|&c| !claimed[c] && aliases.iter().any(|alias| **alias == *header.normalized(c)))
                .collect();
            match candidates[..] {
                [] if field.required => {
                    let aliases = field.aliases.join(", ");
                    let mut problem = header.missing(&format!("{:?} (or one of: {aliases})", field.name));
                    let read = |i: usize| positions[i].is_some();
                    let looks = (0..header.len()).find(|&c| {
                        !claimed[c] && schema.suggest(header.normalized(c), read).is_some_and(|f| f.name == field.name)
                    });
                    if let Some(column) = looks {
                        let name = header.name(column);
                        let advice = mapping_advice(schema.file, field.name, name);
                        problem.message = format!("{}; {name:?} looks like it: {advice}", problem.message);
                    }
                    problems.push(problem);
                }
                [] => {}
                [only] => {
                    claimed[only] = true;
                    positions[index] = Some(only);
                }
                [first, second, ..] => {
                    let (one, other) = (header.name(first), header.name(second));
                    let message = if header.normalized(first) == header.normalized(second) {
                        format!("two columns could be {}; map it explicitly or rename one", field.name)
                    } else {
                        let advice = mapping_advice(schema.file, field.name, other);
                        format!(
                            "two columns could be {}: {one:?} (column {}) and {other:?} (column {}); choose one, \
                             e.g. {advice}",
                            field.name,
                            first + 1,
                            second + 1
                        )
                    };
                    problems.push(Problem::at_cell(
                        schema.file,
                        header.line(),
                        second + 1,
                        field.name,
                        other,
                        ProblemCode::DuplicateColumn,
                        message,
                    ));
                }
            }
        }
        Ok(Self { positions })
    }

    /// Whether some field reads column `column`.
    pub(crate) fn uses(&self, column: usize) -> bool {
        self.positions.contains(&Some(column))
    }

    /// The column of field `index` (its position in the schema), if present.
    pub(crate) fn get(&self, index: usize) -> Option<usize> {
        self.positions.get(index).copied().flatten()
    }
}
