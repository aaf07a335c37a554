//! Who answers each route of an app: the handler, numbered across the
//! app's handlers, and which of its routes. Blueprints themselves are
//! items of the item format (`crate::item`): their routes are their items'
//! routes behind their mount (name, URL prefix, middleware).

/// Who answers one route of a group: a handler, numbered across the
/// group's handlers in order, and which of that handler's routes it is
/// (a handler with two route attributes has routes 0 and 1).
///
/// ```
/// use flaxum::__private::Owner;
/// let own = Owner { handler: 2, route: 0 };
/// assert_eq!((own.handler, own.route), (2, 0));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Owner {
    /// The handler.
    pub handler: u16,
    /// Which of the handler's routes.
    pub route: u16,
}
