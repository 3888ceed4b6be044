pub mod case;
pub mod date;
pub mod money;
pub mod rules { pub mod schema; }
