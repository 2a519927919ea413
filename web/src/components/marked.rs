//! Text with the words that matched a question marked (`<mark>`), built as nodes, never HTML.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub text: AttrValue,
    /// Byte ranges of `text` to mark, in order.
    pub marks: Vec<(usize, usize)>,
}

#[function_component(Marked)]
pub fn marked(props: &Props) -> Html {
    let text = props.text.as_str();
    let mut nodes = Vec::new();
    let mut at = 0;
    for &(from, to) in &props.marks {
        if from < at || to > text.len() || !text.is_char_boundary(from) || !text.is_char_boundary(to) {
            continue;
        }
        nodes.push(html! { { text[at..from].to_string() } });
        nodes.push(html! { <mark>{ text[from..to].to_string() }</mark> });
        at = to;
    }
    nodes.push(html! { { text[at..].to_string() } });
    html! { <>{ for nodes }</> }
}
